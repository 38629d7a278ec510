import type { DiscoveredPackageJson } from "./discover-packages.js";
import { WorkspaceError } from "./errors.js";
import { allTransitiveClosures } from "./lockfile/closure.js";
import { cachedClosures } from "./lockfile/closure-cache.js";
import { parseLockfile } from "./lockfile/parse-lockfile.js";
import { buildPackageGraph } from "./package-graph.js";
import { dependencyMap } from "./package-json.js";
import type { StateFile } from "./state-file.js";
import {
  type LockfilePackage,
  type PackageJson,
  type PackageManager,
  ROOT_PACKAGE_NAME,
  type Workspace,
  type WorkspacePackage,
} from "./types.js";

export interface WorkspaceParts {
  readonly root: string;
  readonly packageManager: PackageManager;
  readonly singlePackage: boolean;
  readonly rootPackageJson: PackageJson;
  /** package.json files found by the workspace globs (ignored in single-package mode). */
  readonly discovered: readonly DiscoveredPackageJson[];
  /** Lockfile text; undefined when the file is missing. */
  readonly lockfileText: string | undefined;
  /** Digests of patch files the lockfile names (bun `patchedDependencies`), by repo path. */
  readonly patchDigests?: ReadonlyMap<string, string>;
  readonly linkWorkspacePackages: boolean;
  /**
   * Where closures computed before are kept (`.turbo/turbine/closures.json`), keyed by every
   * input of the computation; none means always computing them.
   */
  readonly closureStore?: StateFile;
}

/** Assembles a Workspace from file contents. Pure; throws WorkspaceError for fatal problems. */
export function createWorkspace(parts: WorkspaceParts): Workspace {
  const rootPackage: WorkspacePackage = {
    name: ROOT_PACKAGE_NAME,
    dir: "",
    packageJson: parts.rootPackageJson,
  };
  const packages = parts.singlePackage
    ? new Map<string, WorkspacePackage>()
    : collectPackages(parts.discovered);
  const graph = buildPackageGraph(rootPackage, packages, {
    linkWorkspacePackages: parts.linkWorkspacePackages,
  });
  const lockfilePath =
    parts.lockfileText === undefined ? undefined : parts.packageManager.lockfileName;
  const base = {
    root: parts.root,
    packageManager: parts.packageManager,
    singlePackage: parts.singlePackage,
    rootPackage,
    packages,
    graph,
    ...(lockfilePath === undefined ? {} : { lockfilePath }),
  };
  if (parts.singlePackage) return { ...base, externalClosure: () => undefined };

  const closures = computeClosures(parts, rootPackage, packages, (name) =>
    graph.externalDependencies(name),
  );
  if (closures instanceof Error) {
    return { ...base, externalClosure: () => undefined, lockfileProblem: closures };
  }
  const byName = new Map<string, readonly LockfilePackage[]>();
  for (const pkg of [rootPackage, ...packages.values()])
    byName.set(pkg.name, closures.get(pkg.dir) ?? []);
  return { ...base, externalClosure: (name) => byName.get(name) };
}

/** Named packages by name; a package.json without a name is skipped, as turbo does. */
function collectPackages(
  discovered: readonly DiscoveredPackageJson[],
): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const { dir, packageJson } of discovered) {
    const name = packageJson.name;
    if (typeof name !== "string" || name === "") continue;
    const existing = packages.get(name);
    if (existing !== undefined) {
      throw new WorkspaceError(
        "ERR_WORKSPACE_DUPLICATE_PACKAGE",
        `Failed to add workspace "${name}" from "${dir}/package.json", it already exists at "${existing.dir}/package.json". Rename one package or module so every Turborepo package identity is unique.`,
        { file: `${dir}/package.json`, hint: `Rename one of the two packages named "${name}".` },
      );
    }
    packages.set(name, { name, dir, packageJson });
  }
  return packages;
}

/** All closures, or the error that made turbo give up on them (it warns and hashes ""). */
function computeClosures(
  parts: WorkspaceParts,
  rootPackage: WorkspacePackage,
  packages: ReadonlyMap<string, WorkspacePackage>,
  external: (name: string) => Readonly<Record<string, string>>,
): Map<string, LockfilePackage[]> | Error {
  if (parts.lockfileText === undefined) {
    const file = parts.packageManager.lockfileName;
    return new WorkspaceError(
      "ERR_LOCKFILE_MISSING",
      `${file}: lockfile not found at the repo root`,
      {
        file,
        hint: `Run \`${parts.packageManager.command} install\` and commit ${file}.`,
      },
    );
  }
  const seeds = new Map<string, Readonly<Record<string, string>>>();
  for (const pkg of [rootPackage, ...packages.values()]) seeds.set(pkg.dir, external(pkg.name));
  const inputs = {
    packageManager: parts.packageManager.name,
    lockfileText: parts.lockfileText,
    seeds,
    resolutions: dependencyMap(parts.rootPackageJson.resolutions),
    patchDigests: parts.patchDigests,
  };
  try {
    return cachedClosures(parts.closureStore, inputs, () => {
      const lockfile = parseLockfile(
        inputs.packageManager,
        inputs.lockfileText,
        parts.rootPackageJson,
        inputs.patchDigests,
      );
      return allTransitiveClosures(lockfile, seeds);
    });
  } catch (error) {
    if (error instanceof WorkspaceError) return error;
    throw error;
  }
}
