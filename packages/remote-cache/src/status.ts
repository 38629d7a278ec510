import { type CallContext, endpointUrl } from "./call.js";
import { readText, send } from "./transport.js";

/** What `GET /v8/artifacts/status` said, reduced to what the banner needs. */
export type CachingStatus =
  | { readonly kind: "enabled"; readonly assumed?: "timeout" | "server-error" }
  | { readonly kind: "disabled" }
  | { readonly kind: "over_limit" }
  | { readonly kind: "paused" }
  /** 401 or 403. */
  | { readonly kind: "auth-failed" }
  /** Connect error, 404, another 4xx, or a body that is not a known status. */
  | { readonly kind: "unreachable" };

/** turbo gives the status check 250 ms, then assumes "enabled". */
export const STATUS_BUDGET_MS = 250;

const KNOWN = new Set(["enabled", "disabled", "over_limit", "paused"]);

/**
 * `GET /v8/artifacts/status`, mapped as turbo 2.11.13 maps it for the banner: a slow answer, a 5xx
 * or 429 means "enabled"; 401/403 mean authentication failed; a connect error, a 404 or other 4xx,
 * or a body that is not a known status mean unreachable. Never retried (the budget is 250 ms).
 */
export async function checkCachingStatus(
  ctx: CallContext,
  budgetMs = STATUS_BUDGET_MS,
): Promise<CachingStatus> {
  const exchange = await send(ctx.dispatcher, {
    method: "GET",
    url: endpointUrl(ctx, "/v8/artifacts/status"),
    headers: {
      "user-agent": ctx.userAgent,
      "content-type": "application/json",
      authorization: `Bearer ${ctx.token}`,
      accept: "*/*",
    },
    timeoutMs: budgetMs,
    signal: ctx.signal,
  });
  if (!exchange.ok) {
    return exchange.failure === "timeout"
      ? { kind: "enabled", assumed: "timeout" }
      : { kind: "unreachable" };
  }
  const { status } = exchange.response;
  let text: string;
  try {
    text = await readText(exchange);
  } catch {
    return exchange.timedOut() ? { kind: "enabled", assumed: "timeout" } : { kind: "unreachable" };
  }
  if (status === 429 || status >= 500) return { kind: "enabled", assumed: "server-error" };
  if (status === 401 || status === 403) return { kind: "auth-failed" };
  if (status < 200 || status >= 300) return { kind: "unreachable" };
  try {
    const body = JSON.parse(text) as { status?: unknown };
    if (typeof body.status === "string" && KNOWN.has(body.status)) {
      return { kind: body.status as "enabled" | "disabled" | "over_limit" | "paused" };
    }
  } catch {
    // Falls through: turbo reports an unparsable status as "Could not connect".
  }
  return { kind: "unreachable" };
}
