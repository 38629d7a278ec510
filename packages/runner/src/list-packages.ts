import { compareBytes } from "@turbine/workspace";

import { loadRepo, loadRepoWithConfig } from "./load-repo.js";
import { inferenceDir, selectPackages } from "./select-packages.js";

/** What `turbine ls` shows: turbo's name of the package manager (`pnpm9`) and the packages. */
export interface PackageListing {
  readonly packageManager: string;
  readonly packages: readonly { readonly name: string; readonly path: string }[];
}

export interface ListPackagesOptions {
  readonly cwd: string;
  /** Resolve relative `--filter` paths from `cwd` (default true); false with `--cwd`. */
  readonly inferPackage?: boolean;
  readonly filters?: readonly string[];
  readonly affected?: { readonly from: string; readonly to: string | undefined };
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
}

/** `turbine ls`: the workspace packages (filtered like `run`), byte-sorted by name. */
export async function listPackages(options: ListPackagesOptions): Promise<PackageListing> {
  const { root, workspace } = await loadRepo(options);
  const selected = await selectPackages({
    workspace,
    cwd: inferenceDir(root, options.cwd, options.inferPackage ?? true, undefined),
    infer: false,
    filters: options.filters ?? [],
    affected: options.affected,
    globalFiles: ["turbo.json", "turbo.jsonc", workspace.packageManager.lockfileName],
  });
  const names = [...(selected ?? workspace.packages.keys())].filter((name) =>
    workspace.packages.has(name),
  );
  names.sort(compareBytes);
  return {
    packageManager: workspace.packageManager.turboName ?? workspace.packageManager.name,
    packages: names.map((name) => ({ name, path: workspace.packages.get(name)?.dir ?? "" })),
  };
}

/**
 * What turbo shows when `run` gets no task: every package.json script name (byte-sorted) with the
 * packages that define it.
 */
export async function availableTasks(options: ListPackagesOptions): Promise<Map<string, string[]>> {
  const { workspace } = await loadRepo(options);
  const byScript = new Map<string, string[]>();
  for (const [name, pkg] of workspace.packages) {
    for (const script of Object.keys(pkg.packageJson.scripts ?? {})) {
      const owners = byScript.get(script);
      if (owners === undefined) byScript.set(script, [name]);
      else owners.push(name);
    }
  }
  for (const owners of byScript.values()) owners.sort(compareBytes);
  return new Map([...byScript].sort(([a], [b]) => compareBytes(a, b)));
}

/**
 * The task names the root turbo.json configures (`pkg#task` and `//#task` keys give `task` when
 * that package exists), byte-sorted: what `turbine doctor` compares when it is given no task.
 */
export async function configuredTasks(options: ListPackagesOptions): Promise<string[]> {
  const { workspace, config } = await loadRepoWithConfig(options);
  const names = new Set<string>();
  for (const key of config.root.tasks.keys()) {
    const hash = key.lastIndexOf("#");
    if (hash === -1) names.add(key);
    else if (key.startsWith("//#") || workspace.packages.has(key.slice(0, hash))) {
      names.add(key.slice(hash + 1));
    }
  }
  return [...names].sort(compareBytes);
}
