import { open, rm } from "node:fs/promises";
import path from "node:path";

import { readArtifactMetadata } from "./artifact-headers.js";
import { RemoteCacheError } from "./errors.js";
import { forEachFileChunk } from "./file-chunks.js";
import {
  type ArtifactTagContext,
  type ArtifactVerifier,
  createArtifactVerifier,
  type TagScheme,
  type TagVerdict,
} from "./signature.js";
import { discard, type Exchange } from "./transport.js";

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

/**
 * What a download's first bytes must look like to be worth reading on (the caller knows the
 * artifact formats; this package does not): a body that fails `test` is abandoned at once.
 */
export interface HeadCheck {
  /** How many bytes `test` needs (fewer if the body is shorter). */
  readonly bytes: number;
  readonly test: (head: Uint8Array) => boolean;
}

export interface DownloadTarget {
  readonly hash: string;
  readonly tempDir: string;
  /** Verify `x-artifact-tag` with this key and team id; undefined = signing off. */
  readonly verify: ArtifactTagContext | undefined;
  readonly head?: HeadCheck | undefined;
}

export type DownloadResult =
  | { readonly ok: true; readonly hit: RemoteHit }
  | { readonly ok: false; readonly error: RemoteCacheError; readonly outage: boolean };

function tempPath(dir: string, hash: string): string {
  const safe = hash.replace(/[^A-Za-z0-9._-]/g, "_");
  return path.join(
    dir,
    `.${safe}.${process.getBuiltinModule("node:crypto").randomBytes(6).toString("hex")}.tmp`,
  );
}

type Failed = Extract<DownloadResult, { ok: false }>;

const failed = (error: RemoteCacheError, outage = false): Failed => ({
  ok: false,
  error,
  outage,
});

/**
 * Streams a 200 response into a temp file in one pass, batch by batch (about 1 MiB, written with
 * writev, no copies; the connection pauses while the disk catches up). With signing on, a v2 tag
 * is checked as the body streams when Content-Length announces the length v2 needs up front;
 * otherwise (a chunked response) it is checked from the complete file, and a legacy v1 tag only
 * after v2 did not match. Nothing is handed back before the tag checks out, and a failed download
 * leaves no file behind.
 */
export async function receiveArtifact(
  exchange: Extract<Exchange, { ok: true }>,
  target: DownloadTarget,
): Promise<DownloadResult> {
  const { response } = exchange;
  const meta = readArtifactMetadata(response);
  if (meta instanceof RemoteCacheError) {
    await discard(exchange);
    return failed(meta);
  }
  if (target.verify !== undefined && meta.tag === undefined) {
    await discard(exchange);
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
  const streamed =
    target.verify !== undefined && meta.contentLength !== undefined
      ? createArtifactVerifier(target.verify, meta.contentLength, ["v2"])
      : undefined;
  const written = await writeBody(exchange, file, target, streamed);
  if (!written.ok) return written;
  const { size } = written;
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
    const verdict = await checkTag(file, size, target.verify, meta.tag, streamed);
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

type Written = { readonly ok: true; readonly size: number } | Failed;

/**
 * Body -> file. A broken body is a network failure (an outage); a file problem is
 * ERR_REMOTE_CACHE_IO; a body whose first bytes fail `target.head` is abandoned before more is
 * read (ERR_REMOTE_CACHE_NOT_ARTIFACT: a miss, not an outage).
 */
async function writeBody(
  exchange: Extract<Exchange, { ok: true }>,
  file: string,
  target: DownloadTarget,
  verifier: ArtifactVerifier | undefined,
): Promise<Written> {
  const { hash } = target;
  let size = 0;
  let readingBody = false;
  try {
    if (target.head !== undefined) {
      readingBody = true;
      const head = await exchange.response.body.peek(target.head.bytes);
      readingBody = false;
      if (!target.head.test(head)) {
        exchange.response.body.abort();
        throw new NotAnArtifact(head);
      }
    }
    const handle = await open(file, "wx");
    try {
      const batches = exchange.response.body.batches();
      for (;;) {
        readingBody = true;
        const next = await batches.next();
        readingBody = false;
        if (next.done === true) break;
        for (const chunk of next.value) {
          size += chunk.length;
          verifier?.update(chunk);
        }
        await handle.writev(next.value);
      }
    } finally {
      await handle.close();
    }
  } catch (cause) {
    await rm(file, { force: true });
    await discard(exchange);
    if (cause instanceof NotAnArtifact) {
      return failed(
        new RemoteCacheError(
          "ERR_REMOTE_CACHE_NOT_ARTIFACT",
          `the remote cache answered ${hash} with something that is not an artifact (it starts with ${cause.hex}); treated as a miss`,
          { hint: "Check that TURBO_API points at a remote cache server." },
        ),
      );
    }
    if (!readingBody) {
      return failed(
        new RemoteCacheError("ERR_REMOTE_CACHE_IO", `cannot write the download of ${hash}`, {
          cause,
          hint: "Check that the cache's temp directory exists and is writable; the artifact is treated as a miss.",
        }),
      );
    }
    const timedOut = exchange.timedOut();
    return failed(
      new RemoteCacheError(
        timedOut ? "ERR_REMOTE_CACHE_TIMEOUT" : "ERR_REMOTE_CACHE_NETWORK",
        timedOut
          ? `download of ${hash} timed out`
          : `download of ${hash} broke off after ${size} bytes`,
        { cause, hint: "The artifact is treated as a miss." },
      ),
      true,
    );
  }
  exchange.release();
  return { ok: true, size };
}

class NotAnArtifact extends Error {
  readonly hex: string;
  constructor(head: Buffer) {
    super("not an artifact");
    this.hex =
      head.length === 0
        ? "nothing"
        : head
            .subarray(0, 8)
            .toString("hex")
            .replace(/(..)(?!$)/g, "$1 ");
  }
}

/** v2 (streamed, or from the file), then legacy v1 from the file only when v2 did not match. */
async function checkTag(
  file: string,
  size: number,
  context: ArtifactTagContext,
  tag: string,
  streamed: ArtifactVerifier | undefined,
): Promise<TagVerdict> {
  const v2 = streamed ?? (await verifierFromFile(file, context, size, "v2"));
  const verdict = v2.verify(tag);
  if (verdict.valid || verdict.reason === "malformed") return verdict;
  const v1 = (await verifierFromFile(file, context, size, "v1")).verify(tag);
  return v1.valid ? v1 : verdict;
}

async function verifierFromFile(
  file: string,
  context: ArtifactTagContext,
  size: number,
  scheme: TagScheme,
): Promise<ArtifactVerifier> {
  const verifier = createArtifactVerifier(context, size, [scheme]);
  await forEachFileChunk(file, (chunk) => {
    verifier.update(chunk);
  });
  return verifier;
}
