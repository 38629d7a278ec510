import {
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  type TurboConfig,
  type Workspace,
} from "@turbine/workspace";

import { findRepoRoot } from "./repo-root.js";

export interface LoadRepoOptions {
  readonly cwd: string;
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
}

/** The repository around `cwd`: its root and its workspace, as `ls` and `doctor` read them. */
export async function loadRepo(
  options: LoadRepoOptions,
): Promise<{ readonly root: string; readonly workspace: Workspace }> {
  const root = findRepoRoot(options.cwd);
  const workspace = await loadWorkspace(root, {
    dangerouslyDisablePackageManagerCheck: options.dangerouslyDisablePackageManagerCheck === true,
  });
  return { root, workspace };
}

/** `loadRepo` plus the repository's turbo.json files (a configuration error is thrown). */
export async function loadRepoWithConfig(options: LoadRepoOptions): Promise<{
  readonly root: string;
  readonly workspace: Workspace;
  readonly config: TurboConfig;
}> {
  const { root, workspace } = await loadRepo(options);
  const loaded = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: repoFileReader(root),
    singlePackage: workspace.singlePackage,
  });
  if (!loaded.ok) throw loaded.error;
  return { root, workspace, config: loaded.value };
}
