import { call, type CallContext, withOptional } from "./call.js";
import type { WireEvent } from "./events.js";
import { callFailure } from "./failure.js";
import type { FailurePolicy } from "./failure-policy.js";
import { discard } from "./transport.js";

const EVENTS_TIMEOUT_MS = 10_000;

/**
 * `POST /v8/artifacts/events` with one batch of analytics events (the `EventBatcher`'s `send`);
 * a failure is a debug warning, as analytics never fail a build.
 */
export async function sendEvents(
  ctx: CallContext,
  ci: string | undefined,
  batch: readonly WireEvent[],
  policy: FailurePolicy,
): Promise<void> {
  const body = JSON.stringify(batch);
  const result = await call(ctx, {
    method: "POST",
    endpoint: "/v8/artifacts/events",
    headers: (auth) =>
      withOptional({ "content-type": "application/json" }, [
        ["authorization", auth],
        ["x-artifact-client-ci", ci],
        ["accept", "*/*"],
        ["content-length", String(Buffer.byteLength(body))],
      ]),
    body: () => body,
    timeoutMs: EVENTS_TIMEOUT_MS,
    strategy: "timeout",
    preflight: { method: "POST", headers: "Authorization, User-Agent" },
  });
  const { exchange } = result;
  if (exchange.ok && exchange.response.status >= 200 && exchange.response.status < 300) {
    await discard(exchange);
    return;
  }
  const failure = await callFailure(result, ctx.token);
  policy.warn(
    "events-failed",
    "debug",
    `failed to send cache events: ${failure.error.message}`,
    undefined,
    failure.error,
  );
}
