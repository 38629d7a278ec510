/** A cache analytics event as turbo sends it (`POST /v8/artifacts/events`). */
export interface AnalyticsEvent {
  readonly source: "LOCAL" | "REMOTE";
  readonly event: "HIT" | "MISS";
  readonly hash: string;
  /** Time saved in ms: the artifact's duration on a hit, 0 on a miss. */
  readonly duration: number;
}

/** The wire form: `sessionId` first, then the event's fields, in turbo's order. */
export interface WireEvent extends AnalyticsEvent {
  readonly sessionId: string;
}

export const EVENT_BATCH_SIZE = 10;
export const EVENT_IDLE_MS = 200;

export interface EventBatcherOptions {
  readonly sessionId: string;
  /** Sends one batch; its failures are swallowed (analytics never fail a build). */
  readonly send: (batch: readonly WireEvent[]) => Promise<void>;
  readonly batchSize?: number;
  readonly idleMs?: number;
}

/**
 * Buffers events and flushes them at 10 events, after 200 ms without a new event, and on close
 * (turbo `turborepo-analytics`: BUFFER_THRESHOLD, EVENT_TIMEOUT).
 */
export class EventBatcher {
  readonly #options: EventBatcherOptions;
  #buffer: WireEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;

  constructor(options: EventBatcherOptions) {
    this.#options = options;
  }

  record(event: AnalyticsEvent): void {
    if (this.#closed) return;
    const { source, event: kind, hash, duration } = event;
    this.#buffer.push({ sessionId: this.#options.sessionId, source, event: kind, hash, duration });
    clearTimeout(this.#timer);
    if (this.#buffer.length >= (this.#options.batchSize ?? EVENT_BATCH_SIZE)) {
      this.#flush();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#flush();
    }, this.#options.idleMs ?? EVENT_IDLE_MS);
  }

  /** Sends what is buffered and waits for every batch still in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#flush();
    await Promise.all([...this.#inFlight]);
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    const sending = this.#options.send(batch).catch(() => undefined);
    this.#inFlight.add(sending);
    void sending.finally(() => this.#inFlight.delete(sending));
  }
}
