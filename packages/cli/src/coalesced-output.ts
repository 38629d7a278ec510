/** The part of a Node stream the CLI writes to. */
export interface WritableText {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** A Node stream's: its buffer is past its high-water mark until `drain`. */
  readonly writableNeedDrain?: boolean;
  once?(event: "drain", listener: () => void): unknown;
}

/** Flush early past this many pending characters, so memory stays flat on chatty runs. */
const HIGH_WATER = 64 * 1024;

/**
 * Stdout and stderr with their writes coalesced: text written in one event-loop turn goes out in
 * one `write` per stream switch at the end of the turn, in the order it was written. A fully
 * cached run prints a few lines per task; one system call and one stream round trip per line
 * cost more than producing them.
 */
export class CoalescedOutput {
  readonly stdout: WritableText;
  readonly stderr: WritableText;
  readonly #queue: { target: WritableText; text: string }[] = [];
  #pending = 0;
  #scheduled = false;
  #youngHeld = false;

  readonly #targets: readonly WritableText[];

  constructor(stdout: WritableText, stderr: WritableText) {
    this.#targets = [stdout, stderr];
    this.stdout = { write: (text: string) => this.#push(stdout, text), isTTY: stdout.isTTY };
    this.stderr = { write: (text: string) => this.#push(stderr, text), isTTY: stderr.isTTY };
  }

  /**
   * Writes everything pending, then resolves once the real streams have drained: a pipe to a
   * slow reader queues writes in memory, so a producer of much output (a long log replay) waits
   * here between chunks.
   */
  async drained(): Promise<void> {
    this.#holdYoungGeneration();
    this.flush();
    for (const target of this.#targets) {
      if (target.writableNeedDrain === true && target.once !== undefined) {
        const once = target.once.bind(target);
        await new Promise<void>((resolve) => once("drain", resolve));
      }
    }
  }

  /**
   * A producer that waits on `drained()` streams a lot (a replay of a log of many MiB): all it
   * allocates is short-lived, and V8 would grow its young generation to 64 MiB a semi-space over
   * it (survivors of each scavenge add up), which is most of the process's memory. From the
   * first such wait on, the young generation keeps the size it has. This is the process's own
   * setting, which is why the CLI makes it and a library never would.
   */
  #holdYoungGeneration(): void {
    if (this.#youngHeld) return;
    this.#youngHeld = true;
    process.getBuiltinModule("node:v8").setFlagsFromString("--semi-space-growth-factor=1");
  }

  /** Writes everything pending now. */
  flush(): void {
    const queue = this.#queue.splice(0);
    this.#pending = 0;
    for (const { target, text } of queue) target.write(text);
  }

  #push(target: WritableText, text: string): boolean {
    const last = this.#queue[this.#queue.length - 1];
    if (last?.target === target) last.text += text;
    else this.#queue.push({ target, text });
    this.#pending += text.length;
    if (this.#pending >= HIGH_WATER) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.flush();
      });
    }
    return true;
  }
}
