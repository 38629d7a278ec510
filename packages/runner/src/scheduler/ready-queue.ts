import pLimit, { type LimitFunction } from "p-limit";

interface Waiting {
  readonly id: string;
  readonly start: () => Promise<void>;
}

/**
 * At most `limit` jobs at once (p-limit); a free slot goes to the waiting job of highest
 * priority, then to the one that waited longest. Each `run` queues one slot with p-limit, and the
 * slot takes the best waiting job when it starts, not the job that queued it. p-limit starts a
 * slot on a microtask, after the caller has queued everything that became ready in the same turn,
 * so the ranking sees all of it.
 */
export class ReadyQueue {
  readonly #waiting: Waiting[] = [];
  readonly #slots: LimitFunction;

  constructor(
    limit: number,
    private readonly priority: (id: string) => number,
  ) {
    this.#slots = pLimit(limit);
  }

  run<T>(id: string, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ id, start: () => job().then(resolve, reject) });
      void this.#slots(() => this.#takeBest().start());
    });
  }

  /**
   * A linear scan, priorities read at pick time (they may improve during the run): the ready set
   * is small next to the work each job does.
   */
  #takeBest(): Waiting {
    let best = 0;
    let bestPriority = this.priority((this.#waiting[0] as Waiting).id);
    for (let i = 1; i < this.#waiting.length; i++) {
      // The list is in arrival order, so a strict `>` keeps the earliest of equals.
      const priority = this.priority((this.#waiting[i] as Waiting).id);
      if (priority > bestPriority) {
        best = i;
        bestPriority = priority;
      }
    }
    return this.#waiting.splice(best, 1)[0] as Waiting;
  }
}
