import type { CallResult } from "./call.js";
import { RemoteCacheError } from "./errors.js";
import { redactSecrets } from "./redact.js";
import { discard, readText } from "./transport.js";

/** Why a call did not produce a usable response. */
export interface CallFailure {
  readonly error: RemoteCacheError;
  /** Counts toward the outage breaker: connect errors, timeouts, broken connections, 5xx. */
  readonly outage: boolean;
}

/** A 403 body: `{"error":{"code":"…","message":"…"}}`. */
async function forbidden(result: CallResult, token: string): Promise<RemoteCacheError> {
  const text = result.exchange.ok ? await readText(result.exchange).catch(() => "") : "";
  let code: unknown;
  let message: unknown;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    code = parsed.error?.code;
    message = parsed.error?.message;
  } catch {
    return new RemoteCacheError(
      "ERR_REMOTE_CACHE_HTTP",
      redactSecrets(`unable to parse '${text}' as JSON (403 from ${result.url})`, token),
      { status: 403, hint: "The server answered 403 with a body that is not turbo's error JSON." },
    );
  }
  const codeText = typeof code === "string" ? code : "";
  const messageText = typeof message === "string" ? message : "";
  if (codeText.startsWith("remote_caching_")) {
    return new RemoteCacheError(
      "ERR_REMOTE_CACHE_DISABLED",
      redactSecrets(messageText || "cache disabled", token),
      {
        status: 403,
        hint: `The server reports remote caching as ${codeText.slice("remote_caching_".length)} for this team.`,
      },
    );
  }
  return new RemoteCacheError(
    "ERR_REMOTE_CACHE_FORBIDDEN",
    redactSecrets(`Unknown status ${codeText}: ${messageText}`, token),
    {
      status: 403,
      hint: "Check that TURBO_TOKEN is valid and has access to this team's remote cache.",
    },
  );
}

function httpError(status: number, url: string, token: string): RemoteCacheError {
  const kind = status >= 500 ? "server error" : "client error";
  // node:http is loaded only here: importing it eagerly would also load Node's bundled undici.
  const reason = process.getBuiltinModule("node:http").STATUS_CODES[status] ?? "Unknown";
  return new RemoteCacheError(
    "ERR_REMOTE_CACHE_HTTP",
    redactSecrets(`HTTP status ${kind} (${status} ${reason}) for url (${url})`, token),
    {
      status,
      hint:
        status >= 500 ? "The remote cache server is failing; it will be retried later." : undefined,
    },
  );
}

/** Turns a call that did not succeed (transport failure or non-2xx other than 404) into an error. */
export async function callFailure(result: CallResult, token: string): Promise<CallFailure> {
  const { exchange } = result;
  if (!exchange.ok) {
    const url = redactSecrets(result.url, token);
    if (exchange.failure === "aborted") {
      return {
        error: new RemoteCacheError("ERR_REMOTE_CACHE_CANCELLED", `request to ${url} cancelled`, {
          cause: exchange.error,
          hint: "The run was stopped; nothing is wrong with the remote cache.",
        }),
        outage: false,
      };
    }
    if (exchange.failure === "timeout") {
      return {
        error: new RemoteCacheError("ERR_REMOTE_CACHE_TIMEOUT", `request to ${url} timed out`, {
          cause: exchange.error,
          hint: "Raise TURBO_REMOTE_CACHE_TIMEOUT (or TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT for uploads).",
        }),
        outage: true,
      };
    }
    const what =
      exchange.failure === "connect"
        ? "could not connect to the cache"
        : "the connection to the cache broke";
    return {
      error: new RemoteCacheError("ERR_REMOTE_CACHE_NETWORK", `${what} (${url})`, {
        cause: exchange.error,
        hint: "Check TURBO_API and that the remote cache server is reachable.",
      }),
      outage: true,
    };
  }
  const { status } = exchange.response;
  if (status === 403) return { error: await forbidden(result, token), outage: false };
  await discard(exchange);
  return { error: httpError(status, result.url, token), outage: status >= 500 };
}
