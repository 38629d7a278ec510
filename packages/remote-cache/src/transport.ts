import type { Readable } from "node:stream";

import { type Dispatcher, request } from "undici";

import type { AttemptResult } from "./retry.js";

export type Headers = Readonly<Record<string, string>>;

export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "PUT" | "POST" | "OPTIONS";
  readonly url: string;
  /** Sent in this order. */
  readonly headers: Headers;
  /** A fresh body per attempt (a file stream can be reopened, so uploads can be replayed). */
  readonly body?: (() => Readable | string) | undefined;
  /** Total time for the request including reading the body; 0 = none. */
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Dispatcher.ResponseData["body"];
}

/** A sent request: either a response (whose body the caller must consume or dump) or a failure. */
export type Exchange =
  | {
      readonly ok: true;
      readonly response: HttpResponse;
      /** True once the total timeout fired (the body then errors). */
      readonly timedOut: () => boolean;
      /** Stops the timer; call after the body is consumed. */
      readonly release: () => void;
    }
  | {
      readonly ok: false;
      readonly failure: "timeout" | "connect" | "network";
      readonly error: unknown;
    };

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  return errorCode((error as { cause?: unknown }).cause);
}

/** Sorts a transport error into the kinds the retry policy and breaker care about. */
export function classifyTransportError(
  error: unknown,
  timedOut: boolean,
): "timeout" | "connect" | "network" {
  if (timedOut) return "timeout";
  const code = errorCode(error);
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return "timeout";
  return code !== undefined && CONNECT_CODES.has(code) ? "connect" : "network";
}

/** One HTTP exchange over the given dispatcher, with a total timeout. Never throws for I/O. */
export async function send(
  dispatcher: Dispatcher | undefined,
  req: HttpRequest,
): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    req.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`timed out after ${req.timeoutMs} ms`));
        }, req.timeoutMs)
      : undefined;
  const release = (): void => {
    clearTimeout(timer);
  };
  try {
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body?.(),
      signal: controller.signal,
      headersTimeout: 0,
      bodyTimeout: 0,
      ...(dispatcher === undefined ? {} : { dispatcher }),
    });
    return {
      ok: true,
      response: { status: response.statusCode, headers: response.headers, body: response.body },
      timedOut: () => timedOut,
      release,
    };
  } catch (error) {
    release();
    return { ok: false, failure: classifyTransportError(error, timedOut), error };
  }
}

/** Reads and discards a response body, then stops its timer. */
export async function discard(exchange: Exchange): Promise<void> {
  if (!exchange.ok) return;
  try {
    await exchange.response.body.dump();
  } catch {
    // The body broke; there is nothing left to free.
  } finally {
    exchange.release();
  }
}

/** Reads a small response body as text (status, batch query, 403 bodies). */
export async function readText(exchange: Extract<Exchange, { ok: true }>): Promise<string> {
  try {
    return await exchange.response.body.text();
  } finally {
    exchange.release();
  }
}

export function attemptResult(exchange: Exchange): AttemptResult {
  return exchange.ok
    ? { kind: "response", status: exchange.response.status }
    : { kind: "failure", failure: exchange.failure };
}

/** A single-valued response header, or undefined. */
export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
