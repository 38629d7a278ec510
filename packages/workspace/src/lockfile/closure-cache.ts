import type { StateFile } from "../state-file.js";
import type { LockfilePackage, PackageManagerName } from "../types.js";
import { sortPackages } from "./closure.js";

/**
 * The version of the closure logic: every file under src/lockfile/ plus src/block-yaml.ts,
 * src/jsonc.ts, src/yaml.ts and src/semver.ts. Bump it with any change that can change a
 * closure (parsing, resolution, the walk, a parser library's upgrade): stored closures of another
 * version are misses. test/closure-cache.test.ts pins a digest of those files so a change cannot
 * forget it.
 */
export const CLOSURE_LOGIC_VERSION = 2;

/** Identifies a stored closure file; anything else in its place is foreign (a miss). */
const FORMAT = "turbine-lockfile-closures";

/** Everything a workspace's closures are computed from. */
export interface ClosureInputs {
  readonly packageManager: PackageManagerName;
  readonly lockfileText: string;
  /** Workspace dir -> closure seeds (its external dependency specs), in package order. */
  readonly seeds: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The root package.json `resolutions` (berry's overrides). */
  readonly resolutions: Readonly<Record<string, string>>;
  readonly patchDigests: ReadonlyMap<string, string> | undefined;
}

/**
 * Every input of the computation but the lockfile, as the text stored closures must match
 * exactly (with the closure logic's version). The lockfile's text is stored and compared whole:
 * an exact key, and cheaper than hashing it (SHA-256 of a 1.3 MB lockfile and loading node:crypto
 * cost a run 3-10 ms; comparing costs a fraction of one).
 */
export function closureInputsText(inputs: ClosureInputs): string {
  return JSON.stringify([
    FORMAT,
    CLOSURE_LOGIC_VERSION,
    inputs.packageManager,
    [...inputs.seeds],
    inputs.resolutions,
    [...(inputs.patchDigests ?? [])],
  ]);
}

/**
 * Stored closures: one line of JSON, then the lockfile's text as it was (not escaped into the
 * JSON, which would make reading it back cost more than hashing it). The JSON holds the other
 * inputs (`inputs`), the distinct packages of all closures once, sorted in the closures' own
 * order (key, then version, in byte order), and each closure as a bitset over that table in
 * base64. A closure is a sorted set of table entries, so its bits read in order give it back
 * sorted, and every closure shares the table's objects.
 */
interface StoredClosures {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly inputs: string;
  readonly packages: readonly (readonly [string, string])[];
  readonly closures: Readonly<Record<string, string>>;
}

export function encodeClosures(
  inputs: ClosureInputs,
  closures: ReadonlyMap<string, readonly LockfilePackage[]>,
): string {
  const unique = new Map<string, LockfilePackage>();
  for (const closure of closures.values()) {
    for (const pkg of closure) unique.set(`${pkg.key}\0${pkg.version}`, pkg);
  }
  const table = sortPackages(unique.values());
  const index = new Map(table.map((pkg, i) => [`${pkg.key}\0${pkg.version}`, i]));
  const stored: Record<string, string> = {};
  for (const [dir, closure] of closures) {
    const bits = Buffer.alloc(Math.ceil(table.length / 8));
    for (const pkg of closure) {
      const i = index.get(`${pkg.key}\0${pkg.version}`) as number;
      bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
    }
    stored[dir] = bits.toString("base64");
  }
  const file: StoredClosures = {
    format: FORMAT,
    version: CLOSURE_LOGIC_VERSION,
    inputs: closureInputsText(inputs),
    packages: table.map((pkg) => [pkg.key, pkg.version]),
    closures: stored,
  };
  return `${JSON.stringify(file)}\n${inputs.lockfileText}`;
}

/**
 * The closures stored in `text` for exactly `inputs` (every workspace dir of its seeds); undefined
 * when the text is not such a file (corrupt, truncated, foreign, another version, other inputs).
 */
export function decodeClosures(
  text: string,
  inputs: ClosureInputs,
): Map<string, LockfilePackage[]> | undefined {
  const end = text.indexOf("\n");
  if (end === -1 || text.slice(end + 1) !== inputs.lockfileText) return undefined;
  let file: unknown;
  try {
    file = JSON.parse(text.slice(0, end));
  } catch {
    return undefined;
  }
  if (
    !isStoredClosures(file) ||
    file.version !== CLOSURE_LOGIC_VERSION ||
    file.inputs !== closureInputsText(inputs)
  ) {
    return undefined;
  }
  const table: LockfilePackage[] = [];
  for (const entry of file.packages) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") {
      return undefined;
    }
    table.push({ key: entry[0], version: entry[1] });
  }
  const out = new Map<string, LockfilePackage[]>();
  for (const dir of inputs.seeds.keys()) {
    const encoded = Object.hasOwn(file.closures, dir) ? file.closures[dir] : undefined;
    if (typeof encoded !== "string") return undefined;
    const closure = readBits(Buffer.from(encoded, "base64"), table);
    if (closure === undefined) return undefined;
    out.set(dir, closure);
  }
  return out.size === Object.keys(file.closures).length ? out : undefined;
}

function readBits(bits: Buffer, table: readonly LockfilePackage[]): LockfilePackage[] | undefined {
  if (bits.length !== Math.ceil(table.length / 8)) return undefined;
  const closure: LockfilePackage[] = [];
  for (let byte = 0; byte < bits.length; byte++) {
    const value = bits[byte] as number;
    if (value === 0) continue;
    for (let bit = 0; bit < 8; bit++) {
      if ((value & (1 << bit)) === 0) continue;
      const pkg = table[byte * 8 + bit];
      if (pkg === undefined) return undefined;
      closure.push(pkg);
    }
  }
  return closure;
}

function isStoredClosures(value: unknown): value is StoredClosures {
  if (typeof value !== "object" || value === null) return false;
  const file = value as Record<string, unknown>;
  return (
    file.format === FORMAT &&
    typeof file.inputs === "string" &&
    Array.isArray(file.packages) &&
    typeof file.closures === "object" &&
    file.closures !== null &&
    !Array.isArray(file.closures)
  );
}

/**
 * The closures for `inputs`: from `store` when it holds them for exactly these inputs, else
 * computed and stored. A failed computation (a WorkspaceError) is never stored.
 */
export function cachedClosures(
  store: StateFile | undefined,
  inputs: ClosureInputs,
  compute: () => Map<string, LockfilePackage[]>,
): Map<string, LockfilePackage[]> {
  if (store === undefined) return compute();
  const text = store.read();
  const stored = text === undefined ? undefined : decodeClosures(text, inputs);
  if (stored !== undefined) return stored;
  const closures = compute();
  store.write(encodeClosures(inputs, closures));
  return closures;
}
