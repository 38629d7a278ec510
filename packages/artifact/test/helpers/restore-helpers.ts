import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import {
  ArtifactError,
  CommitWorker,
  type RestoreOptions,
  type RestoreResult,
} from "@turbine/artifact";
import { restoreArtifact } from "@turbine/artifact/internal";
import { snapshot } from "@turbine/test-utils";
import { afterAll, expect } from "vitest";

export function fromBytes(bytes: Buffer, chunk = 4096): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

/**
 * The restore paths: a stream (staged), bytes already in memory (written in place on this
 * thread), and bytes in memory whose file-system steps run on a `CommitWorker`.
 */
export const SOURCES = {
  streamed: (bytes: Buffer) => fromBytes(bytes),
  "in memory": (bytes: Buffer) => Buffer.from(bytes),
  "in memory, commit worker": (bytes: Buffer) => Buffer.from(bytes),
} as const;

export type SourceKind = keyof typeof SOURCES;

let worker: CommitWorker | undefined;
afterAll(async () => {
  await worker?.close();
  worker = undefined;
});

/** One worker per test file, online before it is handed out (so every job really runs there). */
export async function testWorker(): Promise<CommitWorker> {
  worker ??= new CommitWorker();
  await worker.ready();
  return worker;
}

/** Restores `bytes` along the `kind` path. */
export async function restoreFrom(
  kind: SourceKind,
  bytes: Buffer,
  options: RestoreOptions,
): Promise<RestoreResult> {
  if (kind !== "in memory, commit worker") return restoreArtifact(SOURCES[kind](bytes), options);
  const w = await testWorker();
  const before = w.jobsRun;
  const result = await restoreArtifact(SOURCES[kind](bytes), { ...options, worker: w });
  expect(w.jobsRun, "the commit ran on the worker").toBe(before + 1);
  return result;
}

export async function restoreFile(
  file: string,
  options: RestoreOptions,
  kind: SourceKind = "streamed",
): Promise<RestoreResult> {
  return restoreFrom(kind, await readFile(file), options);
}

/**
 * Restores `bytes` into `anchor` expecting refusal with `code`, and checks that neither the
 * anchor nor the sentinel directory changed. Every restore path is tried, each from the same
 * starting state: the streamed (staged) one, the in-memory one, and the in-memory one with a
 * commit worker (refused during the look phase, so no job reaches the worker).
 */
export async function expectRefused(
  bytes: Buffer,
  code: string,
  dirs: { anchor: string; sentinel: string },
  options: Partial<RestoreOptions> = {},
): Promise<ArtifactError> {
  const beforeAnchor = await snapshot(dirs.anchor);
  const beforeSentinel = await snapshot(dirs.sentinel);
  let last: ArtifactError | undefined;
  for (const name of Object.keys(SOURCES) as SourceKind[]) {
    const extra = name === "in memory, commit worker" ? { worker: await testWorker() } : {};
    const error = await restoreArtifact(SOURCES[name](bytes), {
      anchor: dirs.anchor,
      ...options,
      ...extra,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, name).toBeInstanceOf(ArtifactError);
    expect((error as ArtifactError).code, name).toBe(code);
    expect(await snapshot(dirs.anchor), name).toEqual(beforeAnchor);
    expect(await snapshot(dirs.sentinel), name).toEqual(beforeSentinel);
    last = error as ArtifactError;
  }
  return last as ArtifactError;
}

export function rel(root: string, ...parts: string[]): string {
  return path.join(root, ...parts);
}
