import { compareBytes, type TurboConfig, type Workspace } from "@turbine/workspace";

import { RunnerError } from "./errors.js";
import { loadRepoWithConfig } from "./load-repo.js";

/** What `turbine ls <package>` shows about one package (turbo's detail view). */
export interface PackageDetail {
  readonly name: string;
  /** Repo-relative directory. */
  readonly path: string;
  /** Every task the package can run: its scripts and the tasks turbo.json defines for it, sorted. */
  readonly tasks: readonly { readonly name: string; readonly command: string }[];
  /** Workspace packages it depends on, directly or not, byte-sorted. */
  readonly dependencies: readonly string[];
  /** Workspace packages that depend on it, directly or not, byte-sorted. */
  readonly dependents: readonly string[];
}

/**
 * `turbine ls <names…>`: each named package's details, in the order named (repeats included, as
 * turbo repeats them). Throws `ERR_RUNNER_NO_PACKAGE_MATCH` with turbo's message for an unknown
 * name.
 */
export async function describePackages(options: {
  readonly cwd: string;
  readonly names: readonly string[];
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
}): Promise<PackageDetail[]> {
  const { workspace, config } = await loadRepoWithConfig(options);
  return options.names.map((name) => describe(workspace, config, name));
}

function describe(workspace: Workspace, config: TurboConfig, name: string): PackageDetail {
  const pkg = workspace.packages.get(name);
  if (pkg === undefined) {
    throw new RunnerError("ERR_RUNNER_NO_PACKAGE_MATCH", `Package \`${name}\` not found.`, {
      hint: "`turbine ls` lists the packages of the workspace.",
    });
  }
  const scripts = pkg.packageJson.scripts ?? {};
  const names = new Set(Object.keys(scripts));
  for (const key of config.root.tasks.keys()) {
    const hash = key.indexOf("#");
    if (hash === -1) names.add(key);
    else if (key.slice(0, hash) === name) names.add(key.slice(hash + 1));
  }
  for (const key of config.packages.get(name)?.tasks.keys() ?? []) {
    if (!key.includes("#")) names.add(key);
  }
  const packagesOnly = (list: readonly string[]): string[] =>
    list.filter((other) => workspace.packages.has(other)).sort(compareBytes);
  return {
    name,
    path: pkg.dir,
    tasks: [...names]
      .sort(compareBytes)
      .map((task) => ({ name: task, command: scripts[task] ?? "" })),
    dependencies: packagesOnly(workspace.graph.transitiveDependencies(name)),
    dependents: packagesOnly(workspace.graph.transitiveDependents(name)),
  };
}
