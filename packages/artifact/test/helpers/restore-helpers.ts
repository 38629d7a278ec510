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

export async function restoreFile(file: string, options: RestoreOptions): Promise<RestoreResult> {
  return restoreArtifact(fromBytes(await readFile(file)), options);
}

/**
 * Restores `bytes` into `anchor` expecting refusal with `code`, and checks that neither the
 * anchor nor the sentinel directory changed.
 */
export async function expectRefused(
  bytes: Buffer,
  code: string,
  dirs: { anchor: string; sentinel: string },
  options: Partial<RestoreOptions> = {},
): Promise<ArtifactError> {
  const beforeAnchor = await snapshot(dirs.anchor);
  const beforeSentinel = await snapshot(dirs.sentinel);
  const error = await restoreArtifact(fromBytes(bytes), { anchor: dirs.anchor, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArtifactError);
  expect((error as ArtifactError).code).toBe(code);
  expect(await snapshot(dirs.anchor)).toEqual(beforeAnchor);
  expect(await snapshot(dirs.sentinel)).toEqual(beforeSentinel);
  return error as ArtifactError;
}

export function rel(root: string, ...parts: string[]): string {
  return path.join(root, ...parts);
}
