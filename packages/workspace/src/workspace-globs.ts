import type { PackageJson, PackageManagerName } from "./types.js";
import { parseYaml } from "./yaml.js";

/** Where packages live: globs relative to the repo root, without the `!` of exclusions. */
export interface WorkspaceGlobs {
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
}

/**
 * The workspace globs of a repo, or undefined when it declares none (turbo then falls back to
 * single-package mode). npm, yarn, berry and bun read `workspaces` (an array or `{ packages }`)
 * from the root package.json; pnpm reads `packages` from pnpm-workspace.yaml.
 */
export function workspaceGlobs(
  packageManager: PackageManagerName,
  rootPackageJson: PackageJson,
  pnpmWorkspaceYaml: string | undefined,
): WorkspaceGlobs | undefined {
  const configured = isPnpm(packageManager)
    ? pnpmPackages(pnpmWorkspaceYaml)
    : packageJsonWorkspaces(rootPackageJson);
  if (configured === undefined || configured.length === 0) return undefined;

  const inclusions: string[] = [];
  const exclusions: string[] = [];
  for (const glob of configured) {
    if (glob.startsWith("!")) exclusions.push(stripDotSlash(glob.slice(1)));
    else inclusions.push(stripDotSlash(glob));
  }
  exclusions.push(...defaultExclusions(packageManager));
  // yarn 1 excludes node_modules below each of its own globs instead of a global default.
  if (packageManager === "yarn") {
    for (const inclusion of inclusions) exclusions.push(`${inclusion}/node_modules/**`);
  }
  return { inclusions, exclusions };
}

/** turbo's built-in exclusions per package manager. */
export function defaultExclusions(packageManager: PackageManagerName): readonly string[] {
  switch (packageManager) {
    case "pnpm":
    case "pnpm6":
      return ["**/node_modules/**", "**/bower_components/**"];
    case "npm":
      return ["**/node_modules/**"];
    case "bun":
      return ["**/node_modules", "**/.git"];
    case "berry":
      return ["**/node_modules", "**/.git", "**/.yarn"];
    case "yarn":
      return [];
  }
}

/** The `packages` list of pnpm-workspace.yaml; undefined when absent or not a string list. */
export function pnpmPackages(yamlText: string | undefined): readonly string[] | undefined {
  const doc = parsePnpmWorkspace(yamlText);
  const packages = doc?.packages;
  return isStringArray(packages) ? packages : undefined;
}

/** pnpm-workspace.yaml as a plain object; undefined when absent or unparsable (turbo ignores it then). */
export function parsePnpmWorkspace(
  yamlText: string | undefined,
): Record<string, unknown> | undefined {
  if (yamlText === undefined) return undefined;
  try {
    const doc: unknown = parseYaml(yamlText);
    return typeof doc === "object" && doc !== null && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function packageJsonWorkspaces(pkg: PackageJson): readonly string[] | undefined {
  const workspaces: unknown = pkg.workspaces;
  if (isStringArray(workspaces)) return workspaces;
  if (typeof workspaces === "object" && workspaces !== null && "packages" in workspaces) {
    const packages: unknown = workspaces.packages;
    return isStringArray(packages) ? packages : undefined;
  }
  return undefined;
}

function isPnpm(pm: PackageManagerName): boolean {
  return pm === "pnpm" || pm === "pnpm6";
}

function stripDotSlash(glob: string): string {
  return glob.startsWith("./") ? glob.slice(2) : glob;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
