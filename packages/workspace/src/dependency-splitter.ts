import path from "node:path";

import { semver } from "./semver.js";
import type { WorkspacePackage } from "./types.js";

/** The packages a dependency spec may point at, indexed by name and by directory. */
export interface SplitterContext {
  readonly byName: ReadonlyMap<string, WorkspacePackage>;
  readonly byDir: ReadonlyMap<string, WorkspacePackage>;
  /**
   * Whether a plain semver spec may link a workspace package. False only for pnpm 9 without
   * `link-workspace-packages` (and for berry with `enableTransparentWorkspaces: false`).
   */
  readonly linkWorkspacePackages: boolean;
}

/**
 * turbo's rule for an internal edge: the name (or `workspace:` alias/path) is a workspace package
 * and the spec accepts its version. Returns the package name, or undefined for an external dep.
 */
export function internalDependency(
  ctx: SplitterContext,
  fromDir: string,
  name: string,
  spec: string,
): string | undefined {
  if (!ctx.linkWorkspacePackages && !spec.startsWith("workspace:")) return undefined;
  const target = findTarget(ctx, fromDir, name, spec);
  if (target === undefined) return undefined;
  const version = typeof target.packageJson.version === "string" ? target.packageJson.version : "";
  return specAcceptsWorkspaceVersion(spec, version, fromDir) ? target.name : undefined;
}

function findTarget(
  ctx: SplitterContext,
  fromDir: string,
  name: string,
  spec: string,
): WorkspacePackage | undefined {
  const specifier = workspaceSpecifier(spec);
  if (specifier?.kind === "path") {
    const fromPackage = repoPath(path.posix.join(fromDir, specifier.path));
    const fromRoot = repoPath(specifier.path);
    return (
      (fromPackage === undefined ? undefined : ctx.byDir.get(fromPackage)) ??
      (fromRoot === undefined ? undefined : ctx.byDir.get(fromRoot))
    );
  }
  return ctx.byName.get(specifier?.name ?? name);
}

type WorkspaceSpecifier = { kind: "alias"; name: string } | { kind: "path"; path: string };

/** `workspace:name@*|^|~` names another package; `workspace:<something/with/slash>` is a path. */
export function workspaceSpecifier(spec: string): WorkspaceSpecifier | undefined {
  if (!spec.startsWith("workspace:")) return undefined;
  const rest = spec.slice("workspace:".length);
  const at = rest.lastIndexOf("@");
  if (at !== -1) {
    const tail = rest.slice(at + 1);
    if (tail === "*" || tail === "^" || tail === "~")
      return { kind: "alias", name: rest.slice(0, at) };
  }
  if (rest.includes("/") && !rest.startsWith("/")) return { kind: "path", path: rest };
  return undefined;
}

/** Whether a dependency spec accepts a workspace package's version (turbo's DependencyVersion). */
export function specAcceptsWorkspaceVersion(
  spec: string,
  version: string,
  fromDir: string,
): boolean {
  const colon = spec.indexOf(":");
  const protocol = colon === -1 ? undefined : spec.slice(0, colon);
  const range = colon === -1 ? spec : spec.slice(colon + 1);
  switch (protocol) {
    case "workspace":
      return true;
    case "file":
    case "link":
      // Internal when the path stays inside the repo.
      return range.startsWith("/") || repoPath(path.posix.join(fromDir, range)) !== undefined;
    case undefined:
    case "npm":
      break;
    default:
      return false;
  }
  if (range === "*") return true;
  // Unparsable ranges or versions count as internal, as in turbo.
  if (semver.validRange(range) === null || semver.valid(version) === null) return true;
  return semver.satisfies(version, range);
}

/** Normalises a repo-relative path; undefined when it escapes the repo root. */
function repoPath(p: string): string | undefined {
  const normal = path.posix.normalize(p).replace(/\/+$/, "");
  if (normal === "..") return undefined;
  if (normal.startsWith("../")) return undefined;
  return normal === "." ? "" : normal;
}
