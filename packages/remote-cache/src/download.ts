import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import path from "node:path";

import { readArtifactMetadata } from "./artifact-headers.js";
import { RemoteCacheError } from "./errors.js";
import { type ArtifactTagContext, createArtifactVerifier } from "./signature.js";
import type { Exchange } from "./transport.js";

/** A verified artifact in a temp file; the caller renames it into place (or deletes it). */
export interface RemoteHit {
  /** `<tempDir>/.<hash>.<random>.tmp` */
  readonly path: string;
  readonly size: number;
  /** `x-artifact-duration` (time saved), 0 when absent. */
  readonly durationMs: number;
  readonly tag: string | undefined;
  readonly sha: string | undefined;
  readonly dirtyHash: string | undefined;
}

export interface DownloadTarget {
  readonly hash: string;
  readonly tempDir: string;
  /** Verify `x-artifact-tag` with this key and team id; undefined = signing off. */
  readonly verify: ArtifactTagContext | undefined;
}

export type DownloadResult =
  | { readonly ok: true; readonly hit: RemoteHit }
  | { readonly ok: false; readonly error: RemoteCacheError; readonly outage: boolean };

function tempPath(dir: string, hash: string): string {
  const safe = hash.replace(/[^A-Za-z0-9._-]/g, "_");
  return path.join(dir, `.${safe}.${randomBytes(6).toString("hex")}.tmp`);
}

const WRITE_BATCH_BYTES = 1 << 20;

const failed = (error: RemoteCacheError, outage = false): DownloadResult => ({
  ok: false,
  error,
  outage,
});

/**
 * Streams a 200 response into a temp file, checking the tag incrementally when the length is known
 * (otherwise from the file once it is complete). Memory stays at one chunk; nothing is handed back
 * before the tag checks out, and a failed download leaves no file behind.
 */
export async function receiveArtifact(
  exchange: Extract<Exchange, { ok: true }>,
  target: DownloadTarget,
): Promise<DownloadResult> {
  const { response } = exchange;
  const meta = readArtifactMetadata(response);
  if (meta instanceof RemoteCacheError) {
    await response.body.dump().catch(() => undefined);
    exchange.release();
    return failed(meta);
  }
  if (target.verify !== undefined && meta.tag === undefined) {
    await response.body.dump().catch(() => undefined);
    exchange.release();
    return failed(
      new RemoteCacheError(
        "ERR_REMOTE_CACHE_TAG_MISSING",
        `artifact ${target.hash} has no x-artifact-tag`,
        {
          hint: "Signing is on: the artifact was uploaded unsigned or the server does not store tags.",
        },
      ),
    );
  }
  const file = tempPath(target.tempDir, target.hash);
  const verifier =
    target.verify !== undefined && meta.contentLength !== undefined
      ? createArtifactVerifier(target.verify, meta.contentLength)
      : undefined;
  let size = 0;
  try {
    // Chunks are hashed as they arrive and written in batches of about 1 MiB with writev (no
    // copy); reading pauses while a batch is written, so memory stays at one batch.
    const handle = await open(file, "wx");
    try {
      let batch: Buffer[] = [];
      let pending = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        verifier?.update(chunk);
        batch.push(chunk);
        pending += chunk.length;
        if (pending >= WRITE_BATCH_BYTES) {
          await handle.writev(batch);
          batch = [];
          pending = 0;
        }
      }
      if (batch.length > 0) await handle.writev(batch);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    await rm(file, { force: true });
    const timedOut = exchange.timedOut();
    exchange.release();
    return failed(
      new RemoteCacheError(
        timedOut ? "ERR_REMOTE_CACHE_TIMEOUT" : "ERR_REMOTE_CACHE_NETWORK",
        timedOut
          ? `download of ${target.hash} timed out`
          : `download of ${target.hash} broke off after ${size} bytes`,
        { cause, hint: "The artifact is treated as a miss." },
      ),
      true,
    );
  }
  exchange.release();
  if (meta.contentLength !== undefined && size !== meta.contentLength) {
    await rm(file, { force: true });
    return failed(
      new RemoteCacheError(
        "ERR_REMOTE_CACHE_NETWORK",
        `download of ${target.hash} ended after ${size} of ${meta.contentLength} bytes`,
      ),
      true,
    );
  }
  if (target.verify !== undefined && meta.tag !== undefined) {
    const verdict = (verifier ?? (await verifierFromFile(file, target.verify, size))).verify(
      meta.tag,
    );
    if (!verdict.valid) {
      await rm(file, { force: true });
      return failed(
        new RemoteCacheError(
          "ERR_REMOTE_CACHE_TAG_INVALID",
          `x-artifact-tag of ${target.hash} is ${verdict.reason === "malformed" ? "malformed" : "wrong for its body"}`,
          {
            hint: "The artifact was altered or signed with another key or team id; it is treated as a miss.",
          },
        ),
      );
    }
  }
  const { durationMs, tag, sha, dirtyHash } = meta;
  return { ok: true, hit: { path: file, size, durationMs, tag, sha, dirtyHash } };
}

async function verifierFromFile(file: string, context: ArtifactTagContext, size: number) {
  const verifier = createArtifactVerifier(context, size);
  for await (const chunk of createReadStream(file)) verifier.update(chunk as Buffer);
  return verifier;
}
