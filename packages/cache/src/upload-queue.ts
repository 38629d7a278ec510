/**
 * Runs background jobs with at most `concurrency` at once (turbo `--cache-workers`, default 10).
 * Jobs must not reject; `drain` resolves when every job queued so far has settled.
 */
export class UploadQueue {
  readonly #concurrency: number;
  readonly #waiting: (() => Promise<void>)[] = [];
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(concurrency: number) {
    this.#concurrency = concurrency;
  }

  get pending(): number {
    return this.#running + this.#waiting.length;
  }

  push(job: () => Promise<void>): void {
    this.#waiting.push(job);
    this.#pump();
  }

  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency) {
      const job = this.#waiting.shift();
      if (job === undefined) break;
      this.#running += 1;
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.#running -= 1;
          this.#pump();
          if (this.pending === 0) this.#settle();
        });
    }
  }

  #settle(): void {
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }
}
