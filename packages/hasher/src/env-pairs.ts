// node:crypto is loaded on first use (process.getBuiltinModule): it pulls in dozens of internal
// modules, and most runs never get here.

import { compareUtf8 } from "./byte-order.js";
import type { EnvMap } from "./env-wildcards.js";

/** `to_hashable`: sorted `K=V` with raw values; this is what goes into a hash. */
export function toHashablePairs(env: EnvMap): string[] {
  const pairs: string[] = [];
  for (const [name, value] of env) pairs.push(`${name}=${value}`);
  return pairs.sort(compareUtf8);
}

/** `to_secret_hashable`: sorted `K=sha256hex(V)` (`K=` for an empty value); for display only. */
export function toSecretPairs(env: EnvMap): string[] {
  const pairs: string[] = [];
  for (const [name, value] of env) {
    pairs.push(
      value === ""
        ? `${name}=`
        : `${name}=${process.getBuiltinModule("node:crypto").createHash("sha256").update(value).digest("hex")}`,
    );
  }
  return pairs.sort(compareUtf8);
}

/** A plain object or `process.env` as an EnvMap (undefined values dropped). */
export function envMapOf(env: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) if (value !== undefined) map.set(name, value);
  return map;
}
