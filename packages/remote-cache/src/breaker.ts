/**
 * The outage breaker (turbo `outage_breaker.rs`): three consecutive outages (connect errors,
 * timeouts, 5xx) open it for 30 s; while open, remote artifact calls are skipped; after the
 * cooldown exactly one call probes. A probe that fails reopens it; one that succeeds closes it.
 * Signature errors, 403s and other non-outages reset the failure count. The clock is injected.
 */
export const BREAKER_THRESHOLD = 3;
export const BREAKER_COOLDOWN_MS = 30_000;

export interface BreakerOptions {
  readonly now?: () => number;
  readonly threshold?: number;
  readonly cooldownMs?: number;
}

/** How a call admitted by the breaker ended (`cancelled`: by the caller; it changes nothing). */
export type CallOutcome = "success" | "outage" | "other-failure" | "cancelled";

export interface BreakerPermit {
  readonly probe: boolean;
  /** Reports the outcome; returns true when this call opened the breaker for the first time. */
  finish(outcome: CallOutcome): boolean;
}

export class OutageBreaker {
  readonly #now: () => number;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  #failures = 0;
  #openUntil: number | undefined;
  #probing = false;
  #generation = 0;
  #warned = false;

  constructor(options: BreakerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#threshold = options.threshold ?? BREAKER_THRESHOLD;
    this.#cooldownMs = options.cooldownMs ?? BREAKER_COOLDOWN_MS;
  }

  /** True while calls are being skipped. */
  get open(): boolean {
    return this.#openUntil !== undefined && (this.#now() < this.#openUntil || this.#probing);
  }

  /** A permit to make one call, or undefined when the breaker is open (skip the call). */
  enter(): BreakerPermit | undefined {
    let probe = false;
    if (this.#openUntil !== undefined) {
      if (this.#now() < this.#openUntil || this.#probing) return undefined;
      this.#probing = true;
      probe = true;
    }
    const generation = this.#generation;
    let done = false;
    return {
      probe,
      finish: (outcome) => {
        if (done) return false;
        done = true;
        return generation === this.#generation ? this.#finish(probe, outcome) : false;
      },
    };
  }

  #finish(probe: boolean, outcome: CallOutcome): boolean {
    if (outcome === "cancelled") {
      if (probe) this.#probing = false; // the next call probes instead
      return false;
    }
    if (outcome !== "outage") {
      this.#failures = 0;
      if (probe) {
        this.#openUntil = undefined;
        this.#probing = false;
        this.#generation++;
      }
      return false;
    }
    this.#failures++;
    if (!probe && this.#failures < this.#threshold) return false;
    this.#openUntil = this.#now() + this.#cooldownMs;
    this.#probing = false;
    this.#generation++;
    const first = !this.#warned;
    this.#warned = true;
    return first;
  }
}
