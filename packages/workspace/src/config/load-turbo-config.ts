import { WorkspaceError } from "../errors.js";
import { configChain } from "./config-chain.js";
import { type ConfigResult, fail, ok } from "./config-result.js";
import { parsePackageTurboJson } from "./parse-package-turbo-json.js";
import { parseRootTurboJson } from "./parse-root-turbo-json.js";
import type { TurboConfig, TurboJsonFile } from "./turbo-json.js";

/** Reads a repo-relative file; undefined when it does not exist. The only I/O the loader does. */
export type ConfigFileReader = (repoRelativePath: string) => Promise<string | undefined>;

export interface LoadTurboConfigOptions {
  /** Workspace packages (the root package excluded) whose directories may hold a turbo.json. */
  readonly packages: Iterable<{ readonly name: string; readonly dir: string }>;
  readonly readFile: ConfigFileReader;
  /** Single-package repos reject `pkg#task` keys. */
  readonly singlePackage?: boolean;
}

/**
 * Loads the root turbo.json (or turbo.jsonc) and every Package Configuration, validates them and
 * their `extends` chains, and returns the whole configuration as data.
 */
export async function loadTurboConfig(
  options: LoadTurboConfigOptions,
): Promise<ConfigResult<TurboConfig>> {
  const notices: string[] = [];
  const rootFile = await readConfigFile(options.readFile, "");
  if (!rootFile.ok) return rootFile;
  if (rootFile.value === undefined) {
    return fail(
      new WorkspaceError("ERR_CONFIG_NOT_FOUND", "Could not find turbo.json or turbo.jsonc.", {
        hint: "Create a turbo.json at the repository root: https://turborepo.dev/docs/reference/configuration",
      }),
    );
  }
  const root = parseRootTurboJson(rootFile.value.path, rootFile.value.text, notices, {
    singlePackage: options.singlePackage === true,
  });
  if (!root.ok) return root;

  const packages = new Map<string, TurboJsonFile>();
  const withDir =
    options.singlePackage === true ? [] : [...options.packages].filter((pkg) => pkg.dir !== "");
  // Read concurrently, then judged in package order so the first problem reported is stable.
  const files = await Promise.all(withDir.map((pkg) => readConfigFile(options.readFile, pkg.dir)));
  for (const [i, pkg] of withDir.entries()) {
    const file = files[i] as Awaited<ReturnType<typeof readConfigFile>>;
    if (!file.ok) return file;
    if (file.value === undefined) continue;
    const parsed = parsePackageTurboJson(file.value.path, file.value.text, notices);
    if (!parsed.ok) return parsed;
    packages.set(pkg.name, parsed.value);
  }
  const config: TurboConfig = {
    root: root.value,
    packages,
    singlePackage: options.singlePackage === true,
    notices,
  };
  for (const name of packages.keys()) {
    const chain = configChain(config, name);
    if (!chain.ok) return chain;
  }
  return ok(config);
}

async function readConfigFile(
  readFile: ConfigFileReader,
  dir: string,
): Promise<ConfigResult<{ path: string; text: string } | undefined>> {
  const prefix = dir === "" ? "" : `${dir}/`;
  const [json, jsonc] = await Promise.all([
    readFile(`${prefix}turbo.json`),
    readFile(`${prefix}turbo.jsonc`),
  ]);
  if (json !== undefined && jsonc !== undefined) {
    return fail(
      new WorkspaceError(
        "ERR_CONFIG_BOTH_FILES",
        `Found both turbo.json and turbo.jsonc in the same directory: ${dir === "" ? "." : dir}`,
        {
          file: `${prefix}turbo.json`,
          hint: "Remove either turbo.json or turbo.jsonc so there is only one.",
        },
      ),
    );
  }
  if (json !== undefined) return ok({ path: `${prefix}turbo.json`, text: json });
  if (jsonc !== undefined) return ok({ path: `${prefix}turbo.jsonc`, text: jsonc });
  return ok(undefined);
}
