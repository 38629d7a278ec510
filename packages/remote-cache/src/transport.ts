import type { Readable } from "node:stream";

import type { Dispatcher } from "undici";

import { ResponseBody } from "./response-body.js";
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
  /**
   * Aborting ends the request at once, whatever stage it is in (a response body already handed
   * over then breaks off), as an `aborted` failure: the caller is stopping (a run interrupted).
   */
  readonly signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: ResponseBody;
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
      /** `aborted`: the caller's signal fired (a run being stopped), not a problem of the remote. */
      readonly failure: "timeout" | "connect" | "network" | "aborted";
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

/**
 * One HTTP exchange over the given dispatcher (the global one when undefined), with a total
 * timeout (headers and body), ended at once by `req.signal`. Dispatched with a raw handler: the
 * response body is a `ResponseBody` fed by undici directly. Never throws for I/O.
 */
export async function send(
  dispatcher: Dispatcher | undefined,
  req: HttpRequest,
): Promise<Exchange> {
  const { signal } = req;
  if (signal?.aborted === true) return { ok: false, failure: "aborted", error: signal.reason };
  const target = dispatcher ?? (await globalDispatcher());
  return new Promise((resolve) => {
    let timedOut = false;
    let controller: Dispatcher.DispatchController | undefined;
    let pendingAbort: Error | undefined;
    let body: ResponseBody | undefined;
    const requestBody = req.body?.();
    const abort = (reason: Error): void => {
      if (controller === undefined) pendingAbort = reason;
      else controller.abort(reason);
    };
    const timer =
      req.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            abort(new Error(`timed out after ${req.timeoutMs} ms`));
          }, req.timeoutMs)
        : undefined;
    const onAbort = (): void => {
      abort(new Error("cancelled"));
    };
    // It may have fired while the global dispatcher was being loaded.
    if (signal?.aborted === true) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const release = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const failed = (error: unknown): void => {
      release();
      if (typeof requestBody === "object") requestBody.destroy();
      const failure =
        signal?.aborted === true && !timedOut ? "aborted" : classifyTransportError(error, timedOut);
      resolve({ ok: false, failure, error });
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (pendingAbort !== undefined) c.abort(pendingAbort);
      },
      onResponseStart(c, status, headers) {
        if (status < 200) return; // 1xx: informational, the real answer follows
        body = new ResponseBody(c);
        resolve({
          ok: true,
          response: { status, headers, body },
          timedOut: () => timedOut,
          release,
        });
      },
      onResponseData(_c, chunk) {
        body?.push(chunk);
      },
      onResponseEnd() {
        body?.end();
      },
      onResponseError(_c, error) {
        if (body === undefined) failed(error);
        else body.fail(error);
      },
    };
    try {
      const url = new URL(req.url);
      target.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers: req.headers,
          body: requestBody,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      failed(error);
    }
  });
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

/**
 * undici's global dispatcher, loaded on the first request without one: undici pulls in http,
 * http2, tls and web streams, which a run with no remote cache never needs. A dynamic import, so
 * the CLI bundle keeps undici in a chunk of its own that only this call loads.
 */
async function globalDispatcher(): Promise<Dispatcher> {
  const undici = await import("undici");
  return undici.getGlobalDispatcher();
}
