import type { EnvMode } from "@turbine/workspace";

import type { CanonicalWriter } from "./capnp-writer.js";

/**
 * turbo's hash schema (`crates/turborepo-hash/src/proto.capnp`) as canonical encoders. Field →
 * pointer-slot layout:
 *
 * TaskHashable   data [envMode:u16 @0]; ptrs 0 globalHash, 1 taskDependencyHashes, 2 packageDir,
 *                3 hashOfFiles, 4 externalDepsHash, 5 task, 6 outputs, 7 passThruArgs, 8 env,
 *                9 resolvedEnvVars, 10 passThruEnv (11 commandOverride: never set in 2.11.11)
 * TaskOutputs    ptrs 0 inclusions, 1 exclusions
 * GlobalHashable data [envMode:u16 @0, frameworkInference @16, globalConfiguration @17];
 *                ptrs 0 globalCacheKey, 1 globalFileHashMap, 2 rootExternalDepsHash,
 *                3 rootInternalDepsHash, 4 env, 5 resolvedEnvVars, 6 passThroughEnv, 7 engines
 * FileHashes     ptrs 0 fileHashes: List(Entry{key, value})
 * LockFilePackages ptrs 0 packages: List(Package{found @0 (always true), key, version})
 *
 * Encoders take lists already sorted the way turbo sorts them; they never sort.
 */

export type { EnvMode };

export interface TaskHashable {
  readonly globalHash: string;
  /** De-duplicated and byte-sorted. */
  readonly taskDependencyHashes: readonly string[];
  /** Null for the root package and in single-package mode. */
  readonly packageDir: string | null;
  readonly hashOfFiles: string;
  /** Null in single-package mode. */
  readonly externalDepsHash: string | null;
  readonly task: string;
  readonly outputs: {
    readonly inclusions: readonly string[];
    readonly exclusions: readonly string[];
  };
  readonly passThruArgs: readonly string[];
  readonly env: readonly string[];
  readonly resolvedEnvVars: readonly string[];
  readonly passThruEnv: readonly string[];
  readonly envMode: EnvMode;
}

export interface GlobalHashable {
  readonly globalCacheKey: string;
  /** Sorted by path. */
  readonly globalFileHashMap: readonly (readonly [string, string])[];
  /** Null in single-package mode. */
  readonly rootExternalDepsHash: string | null;
  /** "" when the root has no internal dependencies; null in single-package mode. */
  readonly rootInternalDepsHash: string | null;
  readonly env: readonly string[];
  readonly resolvedEnvVars: readonly string[];
  readonly passThroughEnv: readonly string[];
  readonly envMode: EnvMode;
  readonly frameworkInference: boolean;
  /** Sorted by key. */
  readonly engines: readonly (readonly [string, string])[];
  readonly globalConfiguration?: boolean;
}

export interface LockfileEntry {
  readonly key: string;
  readonly version: string;
}

export function encodeFileHashes(
  w: CanonicalWriter,
  sortedEntries: readonly (readonly [string, string])[],
): void {
  w.reset();
  const root = w.alloc(1);
  w.structPointer(0, root, 0, 1);
  w.entryList(root, sortedEntries);
}

export function encodeLockFilePackages(
  w: CanonicalWriter,
  packages: readonly LockfileEntry[],
): void {
  w.reset();
  const root = w.alloc(1);
  w.structPointer(0, root, 0, 1);
  w.packageList(root, packages);
}

export function encodeTaskHashable(w: CanonicalWriter, t: TaskHashable): void {
  w.reset();
  const strict = t.envMode === "strict";
  const dataWords = strict ? 1 : 0;
  const ptrCount = 11;
  const root = w.alloc(dataWords + ptrCount);
  w.structPointer(0, root, dataWords, ptrCount);
  if (strict) w.dataWord(root, 1);
  const p = root + dataWords;
  w.text(p, t.globalHash);
  w.textList(p + 1, t.taskDependencyHashes);
  if (t.packageDir !== null) w.text(p + 2, t.packageDir);
  w.text(p + 3, t.hashOfFiles);
  if (t.externalDepsHash !== null) w.text(p + 4, t.externalDepsHash);
  w.text(p + 5, t.task);
  const outputs = w.alloc(2);
  w.structPointer(p + 6, outputs, 0, 2);
  w.textList(outputs, t.outputs.inclusions);
  w.textList(outputs + 1, t.outputs.exclusions);
  w.textList(p + 7, t.passThruArgs);
  w.textList(p + 8, t.env);
  w.textList(p + 9, t.resolvedEnvVars);
  w.textList(p + 10, t.passThruEnv);
}

export function encodeGlobalHashable(w: CanonicalWriter, g: GlobalHashable): void {
  w.reset();
  const low =
    (g.envMode === "strict" ? 1 : 0) |
    (g.frameworkInference ? 1 << 16 : 0) |
    (g.globalConfiguration === true ? 1 << 17 : 0);
  const dataWords = low === 0 ? 0 : 1;
  const ptrCount = 8;
  const root = w.alloc(dataWords + ptrCount);
  w.structPointer(0, root, dataWords, ptrCount);
  if (dataWords === 1) w.dataWord(root, low);
  const p = root + dataWords;
  w.text(p, g.globalCacheKey);
  w.entryList(p + 1, g.globalFileHashMap);
  if (g.rootExternalDepsHash !== null) w.text(p + 2, g.rootExternalDepsHash);
  if (g.rootInternalDepsHash !== null) w.text(p + 3, g.rootInternalDepsHash);
  w.textList(p + 4, g.env);
  w.textList(p + 5, g.resolvedEnvVars);
  w.textList(p + 6, g.passThroughEnv);
  w.entryList(p + 7, g.engines);
}
