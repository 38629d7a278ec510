import type { PackageSpec, RepoSpec } from "@turbine/test-utils";
import {
  buildTaskGraph,
  type ConfigResult,
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  type TaskGraph,
  type TurboConfig,
} from "@turbine/workspace";

/** A small npm monorepo: packages, their Package Configurations, the root turbo.json. */
export interface GraphRepo {
  readonly turbo: unknown;
  readonly packages: readonly PackageSpec[];
  readonly rootScripts?: Readonly<Record<string, string>>;
  /** Package Configurations by package name (written to `<dir>/turbo.json`). */
  readonly packageTurbo?: Readonly<Record<string, unknown>>;
}

const dirOf = (spec: PackageSpec): string => spec.dir ?? `packages/${spec.name}`;

/** The RepoSpec for createTempRepo, with a hand-written npm lockfile so no install runs. */
export function graphRepoSpec(repo: GraphRepo): RepoSpec {
  const files: Record<string, string> = { "package-lock.json": npmLockfile(repo.packages) };
  for (const spec of repo.packages) {
    const config = repo.packageTurbo?.[spec.name];
    if (config !== undefined) files[`${dirOf(spec)}/turbo.json`] = JSON.stringify(config);
  }
  return {
    packages: repo.packages.map((spec) => ({ version: "1.0.0", ...spec })),
    turbo: repo.turbo,
    root: { name: "root", scripts: repo.rootScripts ?? {} },
    files,
    install: false,
  };
}

/** A lockfileVersion 3 package-lock.json for a repo whose packages depend only on each other. */
export function npmLockfile(packages: readonly PackageSpec[]): string {
  const entries: Record<string, unknown> = {
    "": { name: "root", workspaces: ["packages/*"] },
  };
  for (const spec of packages) {
    entries[`node_modules/${spec.name}`] = { resolved: dirOf(spec), link: true };
  }
  for (const spec of packages) {
    entries[dirOf(spec)] = {
      name: spec.name,
      version: spec.version ?? "1.0.0",
      ...(spec.dependencies === undefined ? {} : { dependencies: spec.dependencies }),
    };
  }
  return `${JSON.stringify({ name: "root", lockfileVersion: 3, requires: true, packages: entries }, null, 2)}\n`;
}

/** Loads the repo at `root` with Turbine and builds the task graph for `tasks`. */
export async function turbineGraph(
  root: string,
  tasks: readonly string[],
  options: { packages?: readonly string[]; only?: boolean; singlePackage?: boolean } = {},
): Promise<ConfigResult<TaskGraph>> {
  const workspace = await loadWorkspace(root, { singlePackage: options.singlePackage ?? false });
  const config = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: repoFileReader(root),
    singlePackage: workspace.singlePackage,
  });
  if (!config.ok) return config;
  return buildTaskGraph({
    workspace,
    config: config.value,
    tasks,
    ...(options.packages === undefined ? {} : { packages: options.packages }),
    only: options.only ?? false,
  });
}

/** A TurboConfig from in-memory files (repo-relative path -> text); no disk involved. */
export async function configFromFiles(
  files: Readonly<Record<string, string>>,
  packages: readonly { name: string; dir: string }[] = [],
  singlePackage = false,
): Promise<ConfigResult<TurboConfig>> {
  return loadTurboConfig({
    packages,
    readFile: (path) => Promise.resolve(files[path]),
    singlePackage,
  });
}

/** turbo's miette-framed error output as one line, so wrapped messages can be matched. */
export function turboMessage(output: string): string {
  return output
    .split("\n")
    .map((line) => {
      let rest = line;
      for (let prev = ""; prev !== rest;) {
        prev = rest;
        rest = rest.replace(/^\s*(?:x\s|\|->|`->|\|\s|\||:\s)/, "");
      }
      return rest.trim();
    })
    .filter((line) => line !== "" && !line.startsWith("WARNING"))
    .join(" ")
    .replace(/\s+/g, " ");
}
