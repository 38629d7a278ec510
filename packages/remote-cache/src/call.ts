import type { Readable } from "node:stream";

import type { Dispatcher } from "undici";

import { type RetryStrategy, type Sleep, withRetry } from "./retry.js";
import {
  attemptResult,
  discard,
  type Exchange,
  header,
  type HttpRequest,
  send,
} from "./transport.js";

/** What every call needs; built once by the client. */
export interface CallContext {
  readonly apiUrl: string;
  readonly token: string;
  readonly teamId: string | undefined;
  readonly teamSlug: string | undefined;
  readonly userAgent: string;
  readonly preflight: boolean;
  readonly dispatcher: Dispatcher | undefined;
  readonly sleep: Sleep;
  /** Monotonic milliseconds, for deadlines. */
  readonly now: () => number;
  /**
   * The client's signal, aborted when the run is stopped (Ctrl-C): reads end at once, nothing
   * more is sent and no retry follows. An upload already sending is left to finish (turbo finishes
   * writing to the cache), but is not retried.
   */
  readonly signal: AbortSignal | undefined;
}

/** `teamId` only when it starts with `team_`, then `slug`; in that order (turbo `add_team_params`). */
export function teamQuery(teamId: string | undefined, teamSlug: string | undefined): string {
  const params = new URLSearchParams();
  if (teamId?.startsWith("team_")) params.append("teamId", teamId);
  if (teamSlug !== undefined) params.append("slug", teamSlug);
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}

/** apiUrl + endpoint + team query, joined as plain strings: nothing is normalised. */
export function endpointUrl(ctx: CallContext, endpoint: string): string {
  return `${ctx.apiUrl}${endpoint}${teamQuery(ctx.teamId, ctx.teamSlug)}`;
}

const AUTHORIZATION = /(?:^|,) *authorization *(?:,|$)/i;

export interface CallSpec {
  readonly method: HttpRequest["method"];
  readonly endpoint: string;
  /** Builds the headers in wire order; `auth` is the Authorization value or undefined when not allowed. */
  readonly headers: (auth: string | undefined) => Record<string, string>;
  readonly body?: (() => Readable | string) | undefined;
  /**
   * The call's deadline, from its first byte sent to its body's last byte read, preflight and
   * retries included (0 = none): retries share it, they never multiply it. turbo 2.11.13 gives a
   * read that never answers one attempt of this length.
   */
  readonly timeoutMs: number;
  readonly strategy: RetryStrategy;
  /** Cancels this call (with the client's signal, whichever fires first). */
  readonly signal?: AbortSignal | undefined;
  /** `Access-Control-Request-Method` / `-Headers` for the preflight; omit to never preflight. */
  readonly preflight?: { readonly method: string; readonly headers: string } | undefined;
}

export interface CallResult {
  readonly exchange: Exchange;
  /** The URL the request went to (after a preflight `Location`). */
  readonly url: string;
  /** Requests sent for this call, preflights included. */
  readonly requests: number;
}

/**
 * Runs one API call: optional preflight (OPTIONS to the same URL; `Location` replaces the URL when
 * it is on the API's own origin; `Access-Control-Allow-Headers` decides whether Authorization is
 * sent), then the request with the retry policy, all within the call's deadline and cancelled by
 * either signal. A failed preflight is the call's failure.
 */
export async function call(ctx: CallContext, spec: CallSpec): Promise<CallResult> {
  const signal = combine(ctx.signal, spec.signal);
  const deadline = spec.timeoutMs > 0 ? ctx.now() + spec.timeoutMs : Number.POSITIVE_INFINITY;
  const remainingMs = (): number => deadline - ctx.now();
  /** An attempt's own timeout: what is left of the deadline (at least 1 ms; 0 = none). */
  const attemptTimeout = (): number =>
    deadline === Number.POSITIVE_INFINITY ? 0 : Math.max(1, Math.ceil(remainingMs()));
  const retry = { sleep: ctx.sleep, classify: attemptResult, discard, remainingMs, signal };
  let url = endpointUrl(ctx, spec.endpoint);
  let allowAuth = true;
  let requests = 0;
  if (ctx.preflight && spec.preflight !== undefined) {
    const pre = spec.preflight;
    const { value, attempts } = await withRetry(
      () => send(ctx.dispatcher, preflightRequest(ctx, url, pre, attemptTimeout(), signal)),
      { ...retry, strategy: "timeout" },
    );
    requests += attempts;
    if (!value.ok) return { exchange: unlessStopped(value, signal), url, requests };
    const location = header(value.response, "location");
    const allowHeaders = header(value.response, "access-control-allow-headers") ?? "";
    await discard(value);
    if (location !== undefined) url = sameOrigin(location, ctx.apiUrl) ?? url;
    allowAuth = AUTHORIZATION.test(allowHeaders);
  }
  const auth = allowAuth ? `Bearer ${ctx.token}` : undefined;
  const headers = spec.headers(auth);
  // An upload already sending is never cut: the signal only stops its retries.
  const cut = spec.method === "PUT" ? undefined : signal;
  const { value, attempts } = await withRetry(
    () =>
      send(ctx.dispatcher, {
        method: spec.method,
        url,
        headers,
        body: spec.body,
        timeoutMs: attemptTimeout(),
        signal: cut,
      }),
    { ...retry, strategy: spec.strategy },
  );
  const exchange = unlessStopped(value, signal);
  if (exchange !== value) await discard(value);
  return { exchange, url, requests: requests + attempts };
}

/**
 * A preflight `Location` resolved against the API, when it stays on the API's origin (scheme,
 * host and port); undefined otherwise. The request, its token and its body never go to another
 * origin (turbo 2.11.13 follows any `Location` with `Authorization: Bearer <token>`).
 */
function sameOrigin(location: string, apiUrl: string): string | undefined {
  try {
    const target = new URL(location, apiUrl);
    return target.origin === new URL(apiUrl).origin ? target.toString() : undefined;
  } catch {
    return undefined;
  }
}

function preflightRequest(
  ctx: CallContext,
  url: string,
  pre: { readonly method: string; readonly headers: string },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): HttpRequest {
  return {
    method: "OPTIONS",
    url,
    headers: {
      "user-agent": ctx.userAgent,
      "access-control-request-method": pre.method,
      "access-control-request-headers": pre.headers,
      authorization: `Bearer ${ctx.token}`,
    },
    timeoutMs,
    signal,
  };
}

/**
 * A call whose signal fired ends `aborted` unless it succeeded, whatever its last attempt said (a
 * timeout or 5xx whose retry was called off): the caller is stopping, the remote is not to blame.
 */
function unlessStopped(exchange: Exchange, signal: AbortSignal | undefined): Exchange {
  if (signal?.aborted !== true) return exchange;
  if (exchange.ok && exchange.response.status >= 200 && exchange.response.status < 300) {
    return exchange;
  }
  return { ok: false, failure: "aborted", error: signal.reason };
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}

/** Adds `name: value` to `headers` when value is defined; returns headers for chaining. */
export function withOptional(
  headers: Record<string, string>,
  entries: readonly (readonly [string, string | undefined])[],
): Record<string, string> {
  for (const [name, value] of entries) if (value !== undefined) headers[name] = value;
  return headers;
}
