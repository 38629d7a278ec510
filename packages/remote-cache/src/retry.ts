/**
 * The retry policy, turbo's `retry.rs`: at most RETRY_MAX attempts in total; 429 and every 5xx
 * except 501 are retried; a timeout is retried for reads (`"timeout"` strategy: GET, HEAD, status,
 * batch query, events, OPTIONS) and a connect error for uploads (`"connection"` strategy: PUT).
 */
export const RETRY_MAX = 2;
const MIN_SLEEP_S = 2;
const MAX_SLEEP_S = 10;

export type RetryStrategy = "timeout" | "connection";

/** How one attempt ended, as far as retrying cares. */
export type AttemptResult =
  | { readonly kind: "response"; readonly status: number }
  | {
      readonly kind: "failure";
      readonly failure: "timeout" | "connect" | "network" | "aborted";
    };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

export function shouldRetry(strategy: RetryStrategy, result: AttemptResult): boolean {
  if (result.kind === "response") return isRetryableStatus(result.status);
  return strategy === "timeout" ? result.failure === "timeout" : result.failure === "connect";
}

/** Sleep before the next attempt, after attempt `index` (0-based) failed: clamp(2^n, 2, 10) s. */
export function retryDelayMs(index: number): number {
  return Math.min(Math.max(2 ** index, MIN_SLEEP_S), MAX_SLEEP_S) * 1000;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** `sleep`, cut short when `signal` aborts. */
function sleepUnless(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    void sleep(ms).then(done);
  });
}

export interface RetryOptions<T> {
  readonly strategy: RetryStrategy;
  readonly sleep: Sleep;
  readonly classify: (value: T) => AttemptResult;
  /** Called on a result that will be retried, to free it (drain a body, close a stream). */
  readonly discard?: (value: T) => Promise<void>;
  readonly maxAttempts?: number;
  /**
   * Milliseconds left of the call's deadline (Infinity without one): a retry is made only if its
   * sleep ends with time to spare, so retries never stretch a call past its deadline.
   */
  readonly remainingMs?: () => number;
  /** Aborting stops the retries at once: a pending sleep ends and nothing more is sent. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs `attempt` until it gives a result that should not be retried, the attempts or the time
 * run out, or `signal` aborts, and returns the last result with the number of attempts made.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: RetryOptions<T>,
): Promise<{ readonly value: T; readonly attempts: number }> {
  const max = options.maxAttempts ?? RETRY_MAX;
  for (let index = 0; ; index++) {
    const value = await attempt();
    const delay = retryDelayMs(index);
    if (
      index + 1 >= max ||
      !shouldRetry(options.strategy, options.classify(value)) ||
      aborted(options.signal) ||
      delay >= (options.remainingMs?.() ?? Number.POSITIVE_INFINITY)
    ) {
      return { value, attempts: index + 1 };
    }
    await options.discard?.(value);
    await sleepUnless(options.sleep, delay, options.signal);
    if (aborted(options.signal)) return { value, attempts: index + 1 };
  }
}
