import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

import {
  ArtifactError,
  restoreArtifact,
  type RestoreOptions,
  type RestoreResult,
} from "@turbine/artifact";
import { expect } from "vitest";

import { snapshot } from "./snapshot.js";

export function fromBytes(bytes: Buffer, chunk = 4096): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

/** The two restore paths: a stream (staged), and bytes already in memory (written in place). */
export const SOURCES = {
  streamed: (bytes: Buffer) => fromBytes(bytes),
  "in memory": (bytes: Buffer) => Buffer.from(bytes),
} as const;

export type SourceKind = keyof typeof SOURCES;

export async function restoreFile(
  file: string,
  options: RestoreOptions,
  kind: SourceKind = "streamed",
): Promise<RestoreResult> {
  return restoreArtifact(SOURCES[kind](await readFile(file)), options);
}

/**
 * Restores `bytes` into `anchor` expecting refusal with `code`, and checks that neither the
 * anchor nor the sentinel directory changed. Both restore paths are tried, each from the same
 * starting state: the streamed (staged) one and the in-memory one.
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
  for (const [name, source] of Object.entries(SOURCES)) {
    const error = await restoreArtifact(source(bytes), { anchor: dirs.anchor, ...options }).then(
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
