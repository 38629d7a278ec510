import path from "node:path";

import type { ArtifactErrorCode } from "./artifact-error.js";
import { hasGitComponent, parentOf } from "./entry-path.js";

export interface ResolvedTarget {
  readonly ok: true;
  /** The target as an anchor-relative normalised path; `""` is the anchor itself. */
  readonly resolved: string;
}

export interface RejectedTarget {
  readonly ok: false;
  readonly code: ArtifactErrorCode;
  readonly reason: string;
}

export type TargetCheck = ResolvedTarget | RejectedTarget;

const DRIVE = /^[A-Za-z]:/;

/**
 * Resolves a symlink target lexically from the link's parent directory, as turbo 2.11.13 does,
 * and refuses one that leaves the anchor. `linkPath` is a checked, normalised entry path.
 * An absolute target is accepted only when it lies inside `anchor` (turbo accepts that too).
 * Windows syntax (`C:..\x`, backslashes) is refused outright (CVE-2026-29786 class), and so is a
 * target with a `.git` component once resolved.
 */
export function resolveLinkTarget(linkPath: string, target: string, anchor: string): TargetCheck {
  if (target.includes("\0")) return reject("ERR_ARTIFACT_NUL_IN_NAME", "link target contains NUL");
  if (target === "") return reject("ERR_ARTIFACT_BAD_NAME", "link target is empty");
  if (target.includes("\\") || DRIVE.test(target)) {
    return reject("ERR_ARTIFACT_SYMLINK_ESCAPE", "link target uses Windows path syntax");
  }
  if (target.startsWith("/")) {
    const rel = path.posix.relative(path.posix.normalize(anchor), path.posix.normalize(target));
    if (rel.startsWith("..") || path.posix.isAbsolute(rel)) {
      return reject("ERR_ARTIFACT_SYMLINK_ESCAPE", "absolute link target is outside the anchor");
    }
    return walk([], rel);
  }
  const base = parentOf(linkPath);
  return walk(base === "" ? [] : base.split("/"), target);
}

/**
 * Applies the components of `rel` to `stack`; `..` above the anchor is an escape, and so is a
 * target inside a `.git` directory (a later write through the link would land there).
 */
function walk(stack: string[], rel: string): TargetCheck {
  for (const part of rel.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (stack.length === 0) {
        return reject("ERR_ARTIFACT_SYMLINK_ESCAPE", "link target resolves outside the anchor");
      }
      stack.pop();
    } else {
      stack.push(part);
    }
  }
  const resolved = stack.join("/");
  if (hasGitComponent(resolved)) {
    return reject("ERR_ARTIFACT_GIT_PATH", "link target is inside a `.git` directory");
  }
  return { ok: true, resolved };
}

/**
 * The link target as turbo's tar writer stores it: Rust `Path` components joined by `/`
 * (repeated slashes and interior `.` dropped, a leading `./` and a trailing `/` kept).
 */
export function canonicalLinkTarget(target: string): string {
  const absolute = target.startsWith("/");
  const parts = target.split("/");
  const out: string[] = [];
  parts.forEach((part, i) => {
    if (part === "") return;
    if (part === "." && !(i === 0 && !absolute)) return;
    out.push(part);
  });
  const joined = (absolute ? "/" : "") + out.join("/");
  return target.endsWith("/") ? joined + "/" : joined;
}

function reject(code: ArtifactErrorCode, reason: string): RejectedTarget {
  return { ok: false, code, reason };
}
