import { writeFileSync } from "node:fs";

import type { RunEvent } from "@turbine/runner";

/**
 * `--profile` / `--anon-profile`: a trace of the run in Chrome's Trace Event format (load it in
 * Perfetto or chrome://tracing), one span per task from its cache lookup to its end, on as
 * many rows as ran at once. turbo traces its own internals instead; this holds only task ids
 * and times, so the anonymous variant is the same file.
 */
export class RunProfile {
  readonly #start = performance.now();
  readonly #open = new Map<string, { readonly ts: number; readonly lane: number }>();
  /** Which rows of the trace hold a running task. */
  readonly #busy: boolean[] = [];
  readonly #events: object[] = [];

  constructor(product: string) {
    this.#events.push({ ph: "M", pid: 1, name: "process_name", args: { name: product } });
  }

  handle(event: RunEvent): void {
    if (event.type === "task-status") {
      let lane = this.#busy.indexOf(false);
      if (lane === -1) lane = this.#busy.push(true) - 1;
      this.#busy[lane] = true;
      this.#open.set(event.taskId, { ts: this.#now(), lane });
      return;
    }
    if (event.type !== "task-end") return;
    const started = this.#open.get(event.taskId);
    if (started === undefined) return;
    this.#open.delete(event.taskId);
    this.#busy[started.lane] = false;
    this.#events.push({
      ph: "X",
      pid: 1,
      tid: started.lane,
      name: event.taskId,
      cat: event.result.status,
      ts: started.ts,
      dur: this.#now() - started.ts,
    });
  }

  /** Writes the trace (a JSON array, as turbo's). */
  write(file: string): void {
    writeFileSync(file, `[\n${this.#events.map((e) => JSON.stringify(e)).join(",\n")}\n]\n`);
  }

  /** Microseconds since the run started. */
  #now(): number {
    return Math.round((performance.now() - this.#start) * 1000);
  }
}
