import type { ArtifactErrorCode } from "./artifact-error.js";

/** A validated, normalised, anchor-relative entry path (no leading `./`, no trailing `/`). */
export interface CheckedPath {
  readonly ok: true;
  /** Normalised relative path with `/` separators, e.g. `packages/a/dist/index.js`. */
  readonly path: string;
  /** Number of components (`a/b/c` = 3). */
  readonly depth: number;
}

export interface RejectedPath {
  readonly ok: false;
  readonly code: ArtifactErrorCode;
  readonly reason: string;
}

export type PathCheck = CheckedPath | RejectedPath;

const DRIVE = /^[A-Za-z]:/;

/**
 * Validates an archive entry name purely (no file system). Accepts `a/b`, `./a/b`, `a/b/`,
 * `a//b`, `a/./b`. Refuses: empty names, NUL, absolute names (`/x`, `//x`, `C:x`, `\\x`),
 * backslashes anywhere (a separator on Windows, CVE-2021-37701/37713 class), any `..`
 * component, even one that would normalise away (`a/../b`): turbo never writes one, and any `.git`
 * component (`.git/hooks/x`, `packages/a/.git/x`), as turbo refuses them: a file under `.git` can
 * be a hook that runs at the next commit. The `.git` test ignores case and Unicode folding
 * (`.GIT`, `.Git` on a case-insensitive disk), as git itself does.
 */
export function checkEntryPath(raw: string): PathCheck {
  const depth = plainDepth(raw);
  if (depth > 0) return { ok: true, path: raw, depth };
  if (raw.includes("\0")) return reject("ERR_ARTIFACT_NUL_IN_NAME", "name contains a NUL byte");
  if (raw.startsWith("/") || DRIVE.test(raw) || raw.startsWith("\\")) {
    return reject("ERR_ARTIFACT_ABSOLUTE_PATH", "name is absolute");
  }
  if (raw.includes("\\")) {
    return reject("ERR_ARTIFACT_BAD_NAME", "name contains a backslash");
  }
  const parts: string[] = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return reject("ERR_ARTIFACT_PATH_ESCAPE", "name contains a `..` component");
    if (isGitName(part)) return reject("ERR_ARTIFACT_GIT_PATH", "name has a `.git` component");
    parts.push(part);
  }
  if (parts.length === 0) return reject("ERR_ARTIFACT_BAD_NAME", "name is empty");
  return { ok: true, path: parts.join("/"), depth: parts.length };
}

/**
 * Fast path: the component count of a name that is already normalised, ASCII and harmless (no
 * empty, `.`, `..` or `.git` component, no leading or trailing `/`, no `\\`, NUL or drive
 * prefix), else 0.
 */
function plainDepth(raw: string): number {
  const n = raw.length;
  if (n === 0 || (n >= 2 && raw.charCodeAt(1) === COLON)) return 0;
  let depth = 1;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? SLASH : raw.charCodeAt(i);
    if (c === 0 || c === BACKSLASH || c > 0x7f) return 0;
    if (c !== SLASH) continue;
    const len = i - start;
    if (len === 0) return 0;
    if (
      raw.charCodeAt(start) === DOT &&
      (len === 1 ||
        (len === 2 && raw.charCodeAt(start + 1) === DOT) ||
        (len === 4 &&
          (raw.charCodeAt(start + 1) | 0x20) === 0x67 &&
          isGitName(raw.slice(start, i))))
    ) {
      return 0;
    }
    if (i < n) depth++;
    start = i + 1;
  }
  return depth;
}

/**
 * `.git` under case and Unicode folding, ignoring the code points HFS+ drops from names (zero
 * width joiners and the like, git's CVE-2014-9390 fix).
 */
export function isGitName(component: string): boolean {
  if (ASCII.test(component)) return component.length === 4 && component.toLowerCase() === ".git";
  return collisionKey(component.replace(IGNORABLE, "")) === ".GIT";
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Whether a normalised anchor-relative path (`a/b/c`) has a `.git` component. */
export function hasGitComponent(path: string): boolean {
  return path !== "" && path.split("/").some(isGitName);
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const COLON = 0x3a;

/** `a/b/c` -> `a/b`; a top-level name -> `""` (the anchor itself). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

/** Proper ancestors of a normalised path, outermost first: `a/b/c` -> [`a`, `a/b`]. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  let i = path.indexOf("/");
  while (i !== -1) {
    out.push(path.slice(0, i));
    i = path.indexOf("/", i + 1);
  }
  return out;
}

/**
 * A key under which two names collide on a case-insensitive or normalisation-insensitive file
 * system (APFS, NTFS): NFKD, then lower- then upper-cased, so `ß`, `ss` and `SS` share a key
 * (the node-tar fix for CVE-2026-23950).
 */
export function collisionKey(path: string): string {
  // ASCII fast path: NFKD is the identity and case folding is plain upper-casing.
  if (ASCII.test(path)) return path.toUpperCase();
  return path.normalize("NFKD").toLocaleLowerCase("en").toLocaleUpperCase("en");
}

const ASCII = /^[\x20-\x7e]*$/;

function reject(code: ArtifactErrorCode, reason: string): RejectedPath {
  return { ok: false, code, reason };
}
