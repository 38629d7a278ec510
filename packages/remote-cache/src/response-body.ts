import type { Dispatcher } from "undici";

/** Bytes a consumer gets per batch (the last batch may be smaller). */
export const BATCH_BYTES = 1 << 20;
/** Bytes that may wait for the consumer before the connection is paused (backpressure). */
const HIGH_WATER_BYTES = 2 * BATCH_BYTES;
/** `dump()` reads at most this much more before it drops the connection (as undici's dump). */
const DUMP_LIMIT_BYTES = 128 << 10;

/**
 * A response body fed straight by an undici dispatch handler: no Readable or web stream in
 * between. The chunks undici hands over (views of the socket's reads) are queued as they are and
 * given to the consumer in batches of about 1 MiB; past 2 MiB queued the connection is paused
 * until the consumer takes the next batch, so memory stays bounded whatever the disk's speed.
 */
export class ResponseBody {
  readonly #controller: Dispatcher.DispatchController;
  #queue: Buffer[] = [];
  #queued = 0;
  #ended = false;
  #error: Error | undefined;
  #dumped: number | undefined;
  #wake: (() => void) | undefined;
  /** Queued bytes that wake a waiting consumer (a batch, or fewer while `peek` waits). */
  #want = BATCH_BYTES;

  constructor(controller: Dispatcher.DispatchController) {
    this.#controller = controller;
  }

  /** Handler side: a chunk arrived. */
  push(chunk: Buffer): void {
    if (this.#dumped !== undefined) {
      this.#dumped += chunk.length;
      if (this.#dumped > DUMP_LIMIT_BYTES)
        this.#controller.abort(new Error("response body dumped"));
      return;
    }
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued >= HIGH_WATER_BYTES) this.#controller.pause();
    if (this.#queued >= this.#want) this.#notify();
  }

  /** Handler side: the body is complete. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** Handler side: the body broke off (reset, truncation, abort, timeout). */
  fail(error: Error): void {
    this.#error = error;
    this.#notify();
  }

  /** Ended or broke off: nothing more will arrive. */
  #settled(): boolean {
    return this.#ended || this.#error !== undefined;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Hands over what is queued (at least `BATCH_BYTES` unless the body ended) and resumes reading. */
  async #take(): Promise<Buffer[] | undefined> {
    while (this.#queued < BATCH_BYTES && !this.#settled()) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    if (this.#error !== undefined) throw this.#error;
    if (this.#queued === 0) return undefined;
    const batch = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    this.#controller.resume();
    return batch;
  }

  /**
   * The body as batches of chunks (no copies); rejects when the body breaks off. Single consumer.
   * The chunks are undici's own buffers: write or hash them before asking for the next batch.
   */
  async *batches(): AsyncGenerator<Buffer[], void, undefined> {
    for (let batch = await this.#take(); batch !== undefined; batch = await this.#take()) {
      yield batch;
    }
  }

  /** The whole body as UTF-8 (small bodies: JSON answers, error pages). */
  async text(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const batch of this.batches()) chunks.push(...batch);
    return Buffer.concat(chunks).toString("utf8");
  }

  /**
   * The body's first `n` bytes (fewer if it is shorter), as soon as they have arrived, without
   * consuming them: a body can be judged by its first bytes before anything else is read.
   */
  async peek(n: number): Promise<Buffer> {
    this.#want = n;
    try {
      while (this.#queued < n && !this.#settled()) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      this.#want = BATCH_BYTES;
    }
    if (this.#error !== undefined) throw this.#error;
    return Buffer.concat(this.#queue).subarray(0, n);
  }

  /** Drops the connection at once: nothing more is read (a body that is not worth reading). */
  abort(): void {
    this.#queue = [];
    this.#queued = 0;
    if (!this.#settled()) {
      this.#error = new Error("response body abandoned");
      this.#controller.abort(this.#error);
    }
    this.#notify();
  }

  /**
   * Discards the body: what is left is read when it is small (the connection can be reused),
   * otherwise the request is aborted. Never rejects.
   */
  async dump(): Promise<void> {
    const queued = this.#queued;
    this.#queue = [];
    this.#queued = 0;
    if (this.#settled()) return;
    this.#dumped = queued;
    this.#controller.resume();
    if (queued > DUMP_LIMIT_BYTES) this.#controller.abort(new Error("response body dumped"));
    while (!this.#settled()) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
