import type { ArtifactEntry, ArtifactEntryType } from "./artifact-entry.js";
import { refused } from "./artifact-error.js";
import { checkEntryPath, collisionKey } from "./entry-path.js";
import { resolveLinkTarget } from "./link-target.js";
import type { RestoreLimits } from "./restore-limits.js";
import type { TarEntryHeader } from "./tar-parser.js";

/** A symlink entry whose target has passed the lexical check. */
export interface LinkEntry {
  readonly path: string;
  readonly target: string;
  /** Anchor-relative lexical resolution of the target from the link's parent. */
  readonly resolved: string;
}

/**
 * The validated picture of an archive, built entry by entry without touching the file system.
 * Refuses (throws ERR_ARTIFACT_*) as soon as an entry is unsafe: bad names, unsupported types,
 * limits, a symlink target leaving the anchor, a path through a symlink of the same archive, a
 * directory replaced by a symlink, or an entry changing type. Symlink checks compare names by
 * `collisionKey`, so `A` and `a`, or `ß` and `ss`, count as the same name.
 */
export class ArchiveModel {
  readonly entries: ArtifactEntry[] = [];
  readonly links = new Map<string, LinkEntry>();
  readonly #index = new Map<string, number>();
  readonly #types = new Map<string, ArtifactEntryType>();
  readonly #impliedDirs = new Set<string>();
  readonly #linkKeys = new Set<string>();
  readonly #dirKeys = new Set<string>();
  readonly #limits: RestoreLimits;
  readonly #anchor: string;
  readonly #scope: readonly string[] | undefined;

  /** `scope`: if given, normalised anchor-relative directories every entry must lie in. */
  constructor(limits: RestoreLimits, anchor: string, scope?: readonly string[]) {
    this.#limits = limits;
    this.#anchor = anchor;
    this.#scope = scope;
  }

  /**
   * Validates and records one entry; returns it (its `path` is normalised), or undefined for a
   * directory entry naming the anchor itself (`./`, as `tar -C dir .` writes), which is skipped.
   */
  add(header: TarEntryHeader): ArtifactEntry | undefined {
    const type = entryType(header);
    if (type === "directory" && ROOT_NAME.test(header.name)) return undefined;
    if (Buffer.byteLength(header.name) > this.#limits.maxPathBytes) {
      throw refused(
        "ERR_ARTIFACT_LIMIT",
        `an entry name exceeds ${this.#limits.maxPathBytes} bytes`,
      );
    }
    const check = checkEntryPath(header.name);
    if (!check.ok)
      throw refused(check.code, `refused ${JSON.stringify(header.name)}: ${check.reason}`);
    const p = check.path;
    if (type === "file" && header.name.endsWith("/")) {
      throw refused("ERR_ARTIFACT_BAD_NAME", `regular file ${p} has a directory name`, { path: p });
    }
    if (this.#scope !== undefined && !this.#scope.some((s) => p === s || p.startsWith(`${s}/`))) {
      throw refused("ERR_ARTIFACT_OUT_OF_SCOPE", `${p} is outside the restore scope`, { path: p });
    }
    if (check.depth > this.#limits.maxPathDepth) {
      throw refused("ERR_ARTIFACT_LIMIT", `${p} is deeper than ${this.#limits.maxPathDepth}`, {
        path: p,
      });
    }
    if (!this.#index.has(p) && this.entries.length >= this.#limits.maxEntries) {
      throw refused(
        "ERR_ARTIFACT_LIMIT",
        `the archive has more than ${this.#limits.maxEntries} entries`,
      );
    }
    const fresh = this.#newAncestors(p);
    this.#checkPlacement(p, type, fresh);
    const mode = header.mode & 0o777;
    let entry: ArtifactEntry;
    if (type === "symlink") {
      const link = this.#checkLink(p, header.linkname);
      this.links.set(p, link);
      this.#linkKeys.add(collisionKey(p));
      entry = { path: p, type, size: 0, mode, linkTarget: header.linkname };
    } else {
      entry = { path: p, type, size: type === "file" ? header.size : 0, mode };
      if (type === "directory") this.#dirKeys.add(collisionKey(p));
    }
    this.#record(p, type, entry, fresh);
    return entry;
  }

  /**
   * Ancestors of `p` not yet known as directories, outermost first. Once a path is a known
   * directory it was checked and can never change type, so the walk stops there.
   */
  #newAncestors(p: string): string[] {
    const out: string[] = [];
    let i = p.lastIndexOf("/");
    while (i > 0) {
      const dir = p.slice(0, i);
      if (this.#impliedDirs.has(dir)) break;
      out.push(dir);
      i = p.lastIndexOf("/", i - 1);
    }
    return out.reverse();
  }

  #checkPlacement(p: string, type: ArtifactEntryType, fresh: readonly string[]): void {
    const anyLinks = this.#linkKeys.size > 0;
    for (const dir of fresh) {
      if (anyLinks && this.#linkKeys.has(collisionKey(dir))) {
        throw refused(
          "ERR_ARTIFACT_THROUGH_SYMLINK",
          `${p} would be written through symlink ${dir}`,
          { path: p },
        );
      }
      const t = this.#types.get(dir);
      if (t !== undefined && t !== "directory") {
        throw refused("ERR_ARTIFACT_DUPLICATE_ENTRY", `${p} is inside ${dir}, which is a ${t}`, {
          path: p,
        });
      }
    }
    const key = type === "symlink" || anyLinks ? collisionKey(p) : "";
    if (type === "symlink" && this.#dirKeys.has(key)) {
      throw refused(
        "ERR_ARTIFACT_THROUGH_SYMLINK",
        `directory ${p} would be replaced by a symlink`,
        { path: p },
      );
    }
    if (
      type !== "symlink" &&
      anyLinks &&
      this.#linkKeys.has(key) &&
      this.#types.get(p) !== "symlink"
    ) {
      throw refused("ERR_ARTIFACT_THROUGH_SYMLINK", `${p} collides with a symlink of the archive`, {
        path: p,
      });
    }
    const previous = this.#impliedDirs.has(p) ? "directory" : this.#types.get(p);
    if (previous !== undefined && previous !== type) {
      throw refused(
        "ERR_ARTIFACT_DUPLICATE_ENTRY",
        `${p} appears as both ${previous} and ${type}`,
        { path: p },
      );
    }
  }

  #checkLink(p: string, target: string): LinkEntry {
    if (Buffer.byteLength(target) > this.#limits.maxPathBytes) {
      throw refused(
        "ERR_ARTIFACT_LIMIT",
        `the target of ${p} exceeds ${this.#limits.maxPathBytes} bytes`,
      );
    }
    const check = resolveLinkTarget(p, target, this.#anchor);
    if (!check.ok) {
      throw refused(
        check.code,
        `symlink ${p} -> ${JSON.stringify(target)} refused: ${check.reason}`,
        { path: p },
      );
    }
    return { path: p, target, resolved: check.resolved };
  }

  #record(
    p: string,
    type: ArtifactEntryType,
    entry: ArtifactEntry,
    fresh: readonly string[],
  ): void {
    for (const dir of fresh) {
      this.#impliedDirs.add(dir);
      this.#dirKeys.add(collisionKey(dir));
    }
    const at = this.#index.get(p);
    if (at === undefined) {
      this.#index.set(p, this.entries.length);
      this.entries.push(entry);
    } else {
      this.entries[at] = entry;
    }
    this.#types.set(p, type);
  }
}

const ROOT_NAME = /^\.?(\/+\.?)*\/*$/;

function entryType(header: TarEntryHeader): ArtifactEntryType {
  switch (header.typeflag) {
    case "0":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    default:
      throw refused(
        "ERR_ARTIFACT_UNSUPPORTED_TYPE",
        `attempted to restore unsupported file type: ${describeType(header.typeflag)} ${JSON.stringify(header.name)}`,
      );
  }
}

function describeType(flag: string): string {
  const names: Record<string, string> = {
    "1": "hardlink",
    "3": "character device",
    "4": "block device",
    "6": "FIFO",
    "7": "contiguous file",
  };
  return names[flag] ?? `typeflag ${JSON.stringify(flag)}`;
}
