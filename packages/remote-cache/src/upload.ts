import { createReadStream } from "node:fs";

import { type CallContext, type CallSpec, withOptional } from "./call.js";
import { forEachFileChunk } from "./file-chunks.js";
import { type ArtifactTagContext, createArtifactSigner } from "./signature.js";

/** One artifact to upload, already packed into a file (the spool). */
export interface PutRequest {
  /** The `.tar.zst` file to send; it is re-read for each attempt. */
  readonly path: string;
  /** Its exact size in bytes (sent as Content-Length). */
  readonly size: number;
  /** The task's run time in ms (`x-artifact-duration`). */
  readonly durationMs: number;
  /** `x-artifact-sha`: the git HEAD commit, when known. */
  readonly sha?: string | undefined;
  /** `x-artifact-dirty-hash`: only when the worktree is dirty. */
  readonly dirtyHash?: string | undefined;
  /** A tag computed while the file was written; otherwise it is computed from the file. */
  readonly tag?: string | undefined;
}

const PUT_PREFLIGHT_HEADERS =
  "Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag, x-artifact-sha, x-artifact-dirty-hash";

/** The v2 tag of a file, streamed (bounded memory). */
export async function signFile(
  context: ArtifactTagContext,
  file: string,
  size: number,
): Promise<string> {
  const signer = createArtifactSigner(context, size);
  await forEachFileChunk(file, (chunk) => {
    signer.update(chunk);
  });
  return signer.digest();
}

/** `PUT /v8/artifacts/{hash}` with turbo's header order, streaming the file with Content-Length. */
export function putSpec(
  ctx: CallContext,
  hash: string,
  put: PutRequest,
  tag: string | undefined,
  ciConstant: string | undefined,
  timeoutMs: number,
): CallSpec {
  return {
    method: "PUT",
    endpoint: `/v8/artifacts/${hash}`,
    headers: (auth) =>
      withOptional(
        {
          "content-type": "application/octet-stream",
          "x-artifact-duration": String(Math.max(0, Math.round(put.durationMs))),
          "user-agent": ctx.userAgent,
          "content-length": String(put.size),
        },
        [
          ["authorization", auth],
          ["x-artifact-client-ci", ciConstant],
          ["x-artifact-tag", tag],
          ["x-artifact-sha", put.sha],
          ["x-artifact-dirty-hash", put.dirtyHash],
          ["accept", "*/*"],
        ],
      ),
    body: () => createReadStream(put.path, { highWaterMark: 1 << 20 }),
    timeoutMs,
    strategy: "connection",
    preflight: { method: "PUT", headers: PUT_PREFLIGHT_HEADERS },
  };
}
