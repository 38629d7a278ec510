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
  /**
   * Aborted when the run is interrupted: reads end at once and no retry follows. An upload in
   * flight is left to finish (turbo finishes writing to the cache), but is not retried.
   */
  readonly signal?: AbortSignal | undefined;
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
  readonly timeoutMs: number;
  readonly strategy: RetryStrategy;
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
 * Runs one API call: optional preflight (OPTIONS to the same URL; `Location` replaces the URL;
 * `Access-Control-Allow-Headers` decides whether Authorization is sent), then the request with the
 * retry policy. A failed preflight is the call's failure.
 */
export async function call(ctx: CallContext, spec: CallSpec): Promise<CallResult> {
  let url = endpointUrl(ctx, spec.endpoint);
  let allowAuth = true;
  let requests = 0;
  if (ctx.preflight && spec.preflight !== undefined) {
    const pre = await preflight(ctx, url, spec.preflight, spec.timeoutMs);
    requests += pre.attempts;
    if (!pre.exchange.ok) return { exchange: pre.exchange, url, requests };
    const location = header(pre.exchange.response, "location");
    const allowHeaders = header(pre.exchange.response, "access-control-allow-headers") ?? "";
    await discard(pre.exchange);
    if (location !== undefined) url = new URL(location, ctx.apiUrl).toString();
    allowAuth = AUTHORIZATION.test(allowHeaders);
  }
  const auth = allowAuth ? `Bearer ${ctx.token}` : undefined;
  const request: HttpRequest = {
    method: spec.method,
    url,
    headers: spec.headers(auth),
    body: spec.body,
    timeoutMs: spec.timeoutMs,
    signal: spec.method === "PUT" ? undefined : ctx.signal,
  };
  const { value, attempts } = await withRetry(() => send(ctx.dispatcher, request), {
    strategy: spec.strategy,
    sleep: ctx.sleep,
    classify: attemptResult,
    discard,
    signal: ctx.signal,
  });
  return { exchange: value, url, requests: requests + attempts };
}

async function preflight(
  ctx: CallContext,
  url: string,
  pre: { readonly method: string; readonly headers: string },
  timeoutMs: number,
): Promise<{ exchange: Exchange; attempts: number }> {
  const request: HttpRequest = {
    method: "OPTIONS",
    url,
    headers: {
      "user-agent": ctx.userAgent,
      "access-control-request-method": pre.method,
      "access-control-request-headers": pre.headers,
      authorization: `Bearer ${ctx.token}`,
    },
    timeoutMs,
    signal: ctx.signal,
  };
  const { value, attempts } = await withRetry(() => send(ctx.dispatcher, request), {
    strategy: "timeout",
    sleep: ctx.sleep,
    classify: attemptResult,
    discard,
    signal: ctx.signal,
  });
  return { exchange: value, attempts };
}

/** Adds `name: value` to `headers` when value is defined; returns headers for chaining. */
export function withOptional(
  headers: Record<string, string>,
  entries: readonly (readonly [string, string | undefined])[],
): Record<string, string> {
  for (const [name, value] of entries) if (value !== undefined) headers[name] = value;
  return headers;
}
