import { readArtifactMetadata } from "./artifact-headers.js";
import { call, type CallContext, type CallResult } from "./call.js";
import { readText } from "./transport.js";

/** What the server knows about an artifact without sending it. */
export interface ArtifactInfo {
  /** Bytes, when the server said (batch query `size`, HEAD `Content-Length`). */
  readonly size: number | undefined;
  /** The uploaded task duration (time saved on a hit), 0 when unknown. */
  readonly taskDurationMs: number;
  readonly tag?: string | undefined;
  readonly sha?: string | undefined;
  readonly dirtyHash?: string | undefined;
}

const READ_PREFLIGHT = { method: "GET", headers: "Authorization, User-Agent" } as const;

/** `HEAD /v8/artifacts/{hash}`. */
export function headArtifact(
  ctx: CallContext,
  hash: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CallResult> {
  return call(ctx, {
    method: "HEAD",
    endpoint: `/v8/artifacts/${hash}`,
    headers: (auth) => ({
      "user-agent": ctx.userAgent,
      ...(auth ? { authorization: auth } : {}),
      accept: "*/*",
    }),
    timeoutMs,
    strategy: "timeout",
    preflight: READ_PREFLIGHT,
    signal,
  });
}

/** Reads a 2xx HEAD response; undefined when its duration header is malformed. */
export function infoFromHead(result: CallResult): ArtifactInfo | undefined {
  if (!result.exchange.ok) return undefined;
  const meta = readArtifactMetadata(result.exchange.response);
  if (meta instanceof Error) return undefined;
  return {
    size: meta.contentLength,
    taskDurationMs: meta.durationMs,
    tag: meta.tag,
    sha: meta.sha,
    dirtyHash: meta.dirtyHash,
  };
}

/** How a batch query went: a usable answer, an answer that is not (fall back), or no answer. */
export type BatchAnswer =
  | { readonly kind: "answer"; readonly found: Map<string, ArtifactInfo | undefined> }
  | { readonly kind: "unusable" }
  | { readonly kind: "failed"; readonly result: CallResult };

/**
 * `POST /v8/artifacts` with `{"hashes":[…]}`. `unusable` when the server answered 4xx, or
 * anything but JSON whose entries are `null` / `{size, taskDurationMs, tag?}`: the caller then
 * asks hash by hash, as turbo does. `failed` (the caller's to judge) when the call itself failed
 * or the server answered 5xx.
 */
export async function batchQuery(
  ctx: CallContext,
  hashes: readonly string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BatchAnswer> {
  const body = JSON.stringify({ hashes });
  const result = await call(ctx, {
    method: "POST",
    endpoint: "/v8/artifacts",
    headers: (auth) => ({
      "user-agent": ctx.userAgent,
      "content-type": "application/json",
      ...(auth ? { authorization: auth } : {}),
      accept: "*/*",
      "content-length": String(Buffer.byteLength(body)),
    }),
    body: () => body,
    timeoutMs,
    strategy: "timeout",
    preflight: { method: "POST", headers: "Authorization, User-Agent" },
    signal,
  });
  const { exchange } = result;
  if (!exchange.ok || exchange.response.status >= 500) return { kind: "failed", result };
  let text: string;
  try {
    text = await readText(exchange);
  } catch {
    return { kind: "failed", result };
  }
  if (exchange.response.status < 200 || exchange.response.status >= 300)
    return { kind: "unusable" };
  const found = parseQueryAnswer(text, hashes);
  return found === undefined ? { kind: "unusable" } : { kind: "answer", found };
}

function parseQueryAnswer(
  text: string,
  hashes: readonly string[],
): Map<string, ArtifactInfo | undefined> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const answer = parsed as Record<string, unknown>;
  const out = new Map<string, ArtifactInfo | undefined>();
  for (const hash of hashes) {
    const entry = answer[hash];
    if (entry === null || entry === undefined) {
      out.set(hash, undefined);
      continue;
    }
    if (typeof entry !== "object") return undefined;
    const { size, taskDurationMs, tag } = entry as Record<string, unknown>;
    if (
      !isCount(size) ||
      !isCount(taskDurationMs) ||
      (tag !== undefined && typeof tag !== "string")
    ) {
      return undefined;
    }
    out.set(hash, { size, taskDurationMs, tag });
  }
  return out;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
