import { readFile } from "node:fs/promises";
import path from "node:path";

import { createWorkspace } from "./create-workspace.js";
import { discoverPackageJsons } from "./discover-packages.js";
import { WorkspaceError } from "./errors.js";
import { linkWorkspacePackages } from "./link-workspace-packages.js";
import { BunLockfile } from "./lockfile/bun.js";
import { parsePackageJson } from "./package-json.js";
import { detectPackageManager } from "./package-manager.js";
import { stateFile } from "./state-file.js";
import type { Workspace } from "./types.js";
import { workspaceGlobs } from "./workspace-globs.js";

export interface LoadWorkspaceOptions {
  /** turbo's `--single-package`: one package, no closures. */
  readonly singlePackage?: boolean;
  /** turbo's `--dangerously-disable-package-manager-check`: detect the manager by lockfile. */
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
  /**
   * Keep lockfile closures in `.turbo/turbine/closures.json` and reuse them while the lockfile,
   * the manifests and the closure logic are unchanged (default true).
   */
  readonly closureCache?: boolean;
}

/**
 * Reads a repo the way turbo 2.11.13 does: package manager, workspace packages, package graph
 * and lockfile closures. The only I/O in this package lives here and in discoverPackageJsons.
 */
export async function loadWorkspace(
  root: string,
  options: LoadWorkspaceOptions = {},
): Promise<Workspace> {
  const absRoot = path.resolve(root);
  const read = (file: string): Promise<string | undefined> =>
    readOptional(path.join(absRoot, file));
  const rootText = await read("package.json");
  if (rootText === undefined) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_PACKAGE_JSON",
      `package.json: not found in ${absRoot}`,
      {
        file: "package.json",
        hint: "Run Turbine from the repository root, where the root package.json lives.",
      },
    );
  }
  const rootPackageJson = parsePackageJson(rootText, "package.json");
  const [packageLock, pnpmLock, yarnLock, bunLock, bunLockb, pnpmWorkspaceYaml, npmrc, yarnrcYml] =
    await Promise.all(
      ["package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb"]
        .concat(["pnpm-workspace.yaml", ".npmrc", ".yarnrc.yml"])
        .map(read),
    );
  const packageManager = detectPackageManager(
    rootPackageJson,
    {
      packageLockJson: packageLock !== undefined,
      pnpmLockYaml: pnpmLock !== undefined,
      yarnLock,
      bunLock: bunLock !== undefined,
      bunLockb: bunLockb !== undefined,
    },
    {
      yarnLockPath: path.join(absRoot, "yarn.lock"),
      dangerouslyDisablePackageManagerCheck: options.dangerouslyDisablePackageManagerCheck ?? false,
    },
  );
  const globs =
    options.singlePackage === true
      ? undefined
      : workspaceGlobs(packageManager.name, rootPackageJson, pnpmWorkspaceYaml);
  const singlePackage = globs === undefined;
  const lockfiles: Record<string, string | undefined> = {
    "package-lock.json": packageLock,
    "pnpm-lock.yaml": pnpmLock,
    "yarn.lock": yarnLock,
    "bun.lock": bunLock,
  };
  return createWorkspace({
    root: absRoot,
    packageManager,
    singlePackage,
    rootPackageJson,
    discovered: globs === undefined ? [] : await discoverPackageJsons(absRoot, globs),
    lockfileText: lockfiles[packageManager.lockfileName],
    ...(packageManager.name === "bun" && bunLock !== undefined
      ? { patchDigests: await patchDigests(absRoot, bunPatchFiles(bunLock)) }
      : {}),
    linkWorkspacePackages: linkWorkspacePackages(packageManager.turboName ?? packageManager.name, {
      npmrc,
      pnpmWorkspaceYaml,
      yarnrcYml,
    }),
    ...(options.closureCache === false
      ? {}
      : { closureStore: stateFile(path.join(absRoot, CLOSURE_STATE)) }),
  });
}

/** Derived closures, beside turbo's own `.turbo/cache` (see closure-cache.ts). */
const CLOSURE_STATE = path.join(".turbo", "turbine", "closures.json");

/**
 * The patch files bun.lock names. Most lockfiles name none, and parsing a lockfile of megabytes
 * to learn it would cost every run what the closure store saves: a text without the key (nor an
 * escape that could spell it) has none.
 */
function bunPatchFiles(text: string): string[] {
  if (!text.includes("patchedDependencies") && !text.includes("\\u")) return [];
  return BunLockfile.patchFiles(text);
}

/** sha256 of each patch file's contents; a missing file gets no digest (the hash then differs). */
async function patchDigests(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of files) {
    const text = await readOptional(path.join(root, file));
    if (text === undefined) continue;
    // node:crypto loads only for repos that have patches (start-up stays lean).
    const { createHash } = process.getBuiltinModule("node:crypto");
    out.set(file, createHash("sha256").update(text).digest("hex"));
  }
  return out;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new WorkspaceError("ERR_WORKSPACE_READ", `${file}: cannot be read`, {
      file,
      cause: error,
    });
  }
}
