/**
 * `<hash>-manifest.json`: what turbo 2.11.13 records about the files it wrote for an entry, so a
 * later restore of the same hash can skip files that are still as they were left.
 *
 * Shape (serde_json, compact):
 * `{"version":1[,"link_targets":{path:target}],"files":{path:{"size","mtime_nanos","mode","is_dir"[,"is_symlink":true]}},"order":[path…]}`
 * - `link_targets` only when the entry holds symlinks; `is_symlink` only when true.
 * - directories: size 0, mtime 0, mode 0; symlinks: size 0, mtime 0, mode 0.
 * - files: `st_mode & 0o7777` in decimal; mtime in nanoseconds (beyond 2^53, hence bigint).
 * - turbo writes `files` in hash-map order; Turbine writes archive order. Readers must not care.
 */
export interface ManifestEntry {
  size: number;
  mtimeNanos: bigint;
  mode: number;
  isDir: boolean;
  isSymlink: boolean;
}

export interface RestoreManifest {
  /** Path (anchored, no trailing slash) to its recorded state; iteration order is archive order. */
  files: Map<string, ManifestEntry>;
  /** Symlink path to its target, verbatim. */
  linkTargets: Map<string, string>;
  /** Archive order of `files`' keys. */
  order: string[];
}

export const MANIFEST_VERSION = 1;

export function emptyManifest(): RestoreManifest {
  return { files: new Map(), linkTargets: new Map(), order: [] };
}

export function serializeManifest(manifest: RestoreManifest): string {
  const parts: string[] = [`{"version":${String(MANIFEST_VERSION)}`];
  if (manifest.linkTargets.size > 0) {
    const links = [...manifest.linkTargets].map(
      ([p, t]) => `${JSON.stringify(p)}:${JSON.stringify(t)}`,
    );
    parts.push(`"link_targets":{${links.join(",")}}`);
  }
  const files = [...manifest.files].map(([p, e]) => `${JSON.stringify(p)}:${serializeEntry(e)}`);
  parts.push(`"files":{${files.join(",")}}`);
  parts.push(`"order":[${manifest.order.map((p) => JSON.stringify(p)).join(",")}]}`);
  return parts.join(",");
}

function serializeEntry(entry: ManifestEntry): string {
  const symlink = entry.isSymlink ? `,"is_symlink":true` : "";
  return (
    `{"size":${String(entry.size)},"mtime_nanos":${entry.mtimeNanos.toString()},` +
    `"mode":${String(entry.mode)},"is_dir":${String(entry.isDir)}${symlink}}`
  );
}

// `mtime_nanos` values pass 2^53, beyond what a JSON number keeps exactly: they are quoted before
// parsing and read back as bigint. A `"mtime_nanos":<digits>` can only be a key and its number
// (inside a JSON string a quote is always escaped), so the rewrite never touches paths.
const NANOS = /"mtime_nanos"\s*:\s*(\d+)/g;
const DIGITS = /^\d+$/;

/** Parses a manifest; undefined when it is unreadable or of another version (it is then ignored). */
export function parseManifest(text: string): RestoreManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(NANOS, '"mtime_nanos":"$1"'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value["version"] !== MANIFEST_VERSION || !isRecord(value["files"])) {
    return undefined;
  }
  const manifest = emptyManifest();
  for (const [path, raw] of Object.entries(value["files"])) {
    const entry = parseEntry(raw);
    if (entry === undefined) return undefined;
    manifest.files.set(path, entry);
  }
  const links = value["link_targets"] ?? {};
  if (!isRecord(links)) return undefined;
  for (const [path, target] of Object.entries(links)) {
    if (typeof target !== "string") return undefined;
    manifest.linkTargets.set(path, target);
  }
  const order = value["order"] ?? [];
  if (!Array.isArray(order) || !order.every((p): p is string => typeof p === "string")) {
    return undefined;
  }
  // turbo falls back to map order when `order` does not cover `files`; so does Turbine.
  manifest.order = order.length === manifest.files.size ? order : [...manifest.files.keys()];
  return manifest;
}

function parseEntry(raw: unknown): ManifestEntry | undefined {
  if (!isRecord(raw)) return undefined;
  const { size, mtime_nanos: mtime, mode, is_dir: isDir, is_symlink: isSymlink } = raw;
  if (typeof size !== "number" || typeof mode !== "number") return undefined;
  if (typeof mtime !== "string" || !DIGITS.test(mtime)) return undefined;
  if (isDir !== undefined && typeof isDir !== "boolean") return undefined;
  if (isSymlink !== undefined && typeof isSymlink !== "boolean") return undefined;
  return {
    size,
    mtimeNanos: BigInt(mtime),
    mode,
    isDir: isDir ?? false,
    isSymlink: isSymlink ?? false,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
