import { sortedEntries, sortedUtf8 } from "./byte-order.js";
import { toHashablePairs, toSecretPairs } from "./env-pairs.js";
import { type DetailedEnv, globalHashableEnv } from "./env-resolve.js";
import { type EnvMap, fromWildcards } from "./env-wildcards.js";
import type { EnvMode, GlobalHashable } from "./hashables.js";

/** turbo's global cache key; both apostrophes are U+2019. */
export const GLOBAL_CACHE_KEY = "I can\u2019t see ya, but I know you\u2019re here";

export interface GlobalHashInput {
  /** Repo-relative path → blob id (see `globalFileHashes`). */
  readonly globalFiles: ReadonlyMap<string, string>;
  /** Null in single-package mode. */
  readonly rootExternalDepsHash: string | null;
  /** "" when the root has no internal dependencies; null in single-package mode. */
  readonly rootInternalDepsHash: string | null;
  /** Raw `globalEnv` patterns. */
  readonly globalEnv: readonly string[];
  /** Raw `globalPassThroughEnv` patterns; null when the key is absent. */
  readonly globalPassThroughEnv: readonly string[] | null;
  readonly envMode: EnvMode;
  readonly frameworkInference: boolean;
  /** Root package.json `engines`. */
  readonly engines: Readonly<Record<string, string>> | undefined;
  readonly globalConfiguration?: boolean;
  /** The environment at start-up. */
  readonly env: EnvMap;
}

/** The dry run's `globalCacheInputs`, the displayable form of the global hash inputs. */
export interface GlobalCacheInputs {
  readonly rootKey: string;
  readonly files: Record<string, string>;
  readonly hashOfExternalDependencies: string;
  readonly hashOfInternalDependencies: string;
  readonly environmentVariables: {
    readonly specified: { readonly env: string[]; readonly passThroughEnv: string[] | null };
    readonly configured: string[];
    readonly inferred: string[];
    readonly passthrough: string[] | null;
  };
  readonly engines: Record<string, string> | null;
}

export interface GlobalHashParts {
  readonly hashable: GlobalHashable;
  /** The resolved global env (its `all` map is hashed and passed to every task in strict mode). */
  readonly env: DetailedEnv;
  readonly cacheInputs: GlobalCacheInputs;
}

/** Assembles the global hashable (§1.8) with turbo's ordering and null-vs-empty rules. */
export function buildGlobalHashable(input: GlobalHashInput): GlobalHashParts {
  // turbo de-duplicates both global lists before hashing and printing them (a repeated name in
  // `globalEnv` would otherwise change every hash); task-level lists keep their repeats.
  const globalEnv = sortedUtf8(new Set(input.globalEnv));
  const env = globalHashableEnv(input.env, globalEnv);
  // Loose mode drops globalPassThroughEnv altogether: unset in the summary, empty in the hash.
  const passThroughPatterns = input.envMode === "loose" ? null : input.globalPassThroughEnv;
  const passThrough = sortedUtf8(new Set(passThroughPatterns ?? []));
  const files = sortedEntries(input.globalFiles);
  const engines = input.engines === undefined ? [] : sortedEntries(input.engines);
  const hashable: GlobalHashable = {
    globalCacheKey: GLOBAL_CACHE_KEY,
    globalFileHashMap: files,
    rootExternalDepsHash: input.rootExternalDepsHash,
    rootInternalDepsHash: input.rootInternalDepsHash,
    env: globalEnv,
    resolvedEnvVars: toHashablePairs(env.all),
    passThroughEnv: passThrough,
    envMode: input.envMode,
    frameworkInference: input.frameworkInference,
    engines,
    globalConfiguration: input.globalConfiguration ?? false,
  };
  const cacheInputs: GlobalCacheInputs = {
    rootKey: GLOBAL_CACHE_KEY,
    files: Object.fromEntries(files),
    hashOfExternalDependencies: input.rootExternalDepsHash ?? "",
    hashOfInternalDependencies: input.rootInternalDepsHash ?? "",
    environmentVariables: {
      specified: {
        env: globalEnv,
        passThroughEnv: passThroughPatterns === null ? null : passThrough,
      },
      configured: toSecretPairs(env.explicit),
      inferred: toSecretPairs(env.matching),
      passthrough:
        passThroughPatterns === null
          ? null
          : toSecretPairs(fromWildcards(input.env, passThroughPatterns)),
    },
    engines: input.engines === undefined ? null : Object.fromEntries(engines),
  };
  return { hashable, env, cacheInputs };
}
