import type { RunEventListener } from "./events.js";
import type { TaskInterrupt } from "./process/interrupt-process-group.js";

export interface ShutdownOptions {
  /** Aborted on the first Ctrl-C / SIGTERM: shutdown starts. */
  readonly signal: AbortSignal | undefined;
  /** Aborted on a second Ctrl-C: running tasks are killed at once. */
  readonly forceSignal: AbortSignal | undefined;
  /** How long tasks get to exit after SIGINT before SIGKILL (turbo: 10 s). */
  readonly graceMs: number;
  /** How often the number of tasks still stopping is reported (turbo: 2 s). */
  readonly progressMs: number;
  readonly emit: RunEventListener;
}

/**
 * turbo 2.10+'s graceful shutdown of a run: on the first signal no new task starts and every
 * running one gets SIGINT (see `interruptProcessGroup`); the run reports how many are still
 * stopping every `progressMs`, and kills what is left when `graceMs` is over or a second signal
 * comes. Tasks register while they run (`track`).
 */
export class RunShutdown {
  readonly #options: ShutdownOptions;
  readonly #graceful = new AbortController();
  readonly #force = new AbortController();
  readonly #running = new Set<string>();
  #timers: NodeJS.Timeout[] = [];

  constructor(options: ShutdownOptions) {
    this.#options = options;
    if (options.signal?.aborted === true) this.#start();
    else options.signal?.addEventListener("abort", this.#start, { once: true });
    options.forceSignal?.addEventListener("abort", this.#forceNow, { once: true });
  }

  /** What running tasks listen to. */
  get interrupt(): TaskInterrupt {
    return { graceful: this.#graceful.signal, force: this.#force.signal };
  }

  /** Runs `work` for a task, counting it as running meanwhile. */
  async track<T>(taskId: string, work: () => Promise<T>): Promise<T> {
    this.#running.add(taskId);
    try {
      return await work();
    } finally {
      this.#running.delete(taskId);
      if (this.#running.size === 0) this.#clearTimers();
    }
  }

  /** Stops listening and timing; call when the run is over. */
  dispose(): void {
    this.#options.signal?.removeEventListener("abort", this.#start);
    this.#options.forceSignal?.removeEventListener("abort", this.#forceNow);
    this.#clearTimers();
  }

  readonly #start = (): void => {
    if (this.#graceful.signal.aborted) return;
    this.#options.emit({ type: "shutdown-start" });
    this.#graceful.abort();
    if (this.#running.size === 0) return;
    const progress = setInterval(() => {
      if (this.#running.size > 0) {
        this.#options.emit({ type: "shutdown-waiting", running: this.#running.size });
      }
    }, this.#options.progressMs);
    const grace = setTimeout(() => {
      this.#kill("timeout");
    }, this.#options.graceMs);
    this.#timers = [progress, grace];
  };

  readonly #forceNow = (): void => {
    if (this.#graceful.signal.aborted) this.#kill("signal");
  };

  #kill(reason: "timeout" | "signal"): void {
    this.#clearTimers();
    if (this.#force.signal.aborted || this.#running.size === 0) return;
    this.#options.emit({ type: "shutdown-forced", reason, taskIds: [...this.#running].sort() });
    this.#force.abort();
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }
}
