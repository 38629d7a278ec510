import type { RunEvent } from "@turbine/runner";

/**
 * The live line a TTY shows under streamed output: `running 2 · done 5 (3 cached)`. It is drawn
 * after each write and erased before the next, so logs stay clean. Never used when stdout is not a
 * terminal (tests, CI, pipes).
 */
export class StatusLine {
  readonly #write: (text: string) => void;
  #running = 0;
  #done = 0;
  #cached = 0;
  #shown = false;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  track(event: RunEvent): void {
    if (event.type === "task-status") this.#running++;
    if (event.type === "task-end") {
      this.#running--;
      this.#done++;
      if (event.result.status === "success" && event.result.reason === "cached") this.#cached++;
    }
  }

  /** Erases the line, if drawn. Call before writing anything else to the terminal. */
  clear(): void {
    if (!this.#shown) return;
    this.#write("\r\u001b[2K");
    this.#shown = false;
  }

  draw(): void {
    this.clear();
    this.#write(
      `\u001b[2mrunning ${this.#running} \u00b7 done ${this.#done} (${this.#cached} cached)\u001b[22m`,
    );
    this.#shown = true;
  }
}
