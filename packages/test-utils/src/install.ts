import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { execOk } from "./exec.js";
import { binPath } from "./paths.js";

/** The package managers a generated repo can use; `berry` is yarn 4, `yarn` is yarn 1. */
export type TestPackageManager = "npm" | "pnpm" | "yarn" | "berry" | "bun";

/** The root package.json `packageManager` field for each manager (the versions installed here). */
export const PACKAGE_MANAGER_FIELD: Readonly<Record<TestPackageManager, string>> = {
  npm: "npm@10.9.2",
  pnpm: "pnpm@10.34.8",
  yarn: "yarn@1.22.22",
  berry: "yarn@4.18.1",
  bun: "bun@1.4.5",
};

/** The only registry this machine reaches; berry defaults to registry.yarnpkg.com. */
const NPM_REGISTRY = "https://registry.npmjs.org";

const require = createRequire(import.meta.url);

/** yarn 4's single-file CLI from `@yarnpkg/cli-dist` (the root node_modules/.bin/yarn is yarn 1). */
export function berryCliPath(): string {
  return path.join(path.dirname(require.resolve("@yarnpkg/cli-dist/package.json")), "bin/yarn.js");
}

/** The bun binary of the `bun` npm package (its postinstall puts the native binary there). */
export function bunBinaryPath(): string {
  return path.join(path.dirname(require.resolve("bun/package.json")), "bin/bun.exe");
}

/**
 * Writes a real lockfile in `root` with `packageManager`, running no lifecycle scripts and linking
 * nothing. npm, pnpm and yarn 1 use the caller's HOME and caches. berry and bun get a HOME, caches
 * and yarn's install state in a temp directory removed afterwards, and the npm registry, so their
 * result depends neither on the machine's caches nor on its package manager configuration.
 */
export async function installLockfile(
  root: string,
  packageManager: TestPackageManager,
  { timeoutMs }: { readonly timeoutMs?: number } = {},
): Promise<void> {
  const limit = timeoutMs === undefined ? {} : { timeoutMs };
  switch (packageManager) {
    case "npm":
      await execOk(
        "npm",
        ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"],
        { cwd: root, env: callerEnv(), ...limit },
      );
      return;
    case "pnpm":
      await execOk(binPath("pnpm"), ["install", "--lockfile-only", "--ignore-scripts"], {
        cwd: root,
        env: callerEnv(),
        ...limit,
      });
      return;
    case "yarn":
      await execOk(binPath("yarn"), ["install", "--ignore-scripts", "--non-interactive"], {
        cwd: root,
        env: callerEnv(),
        ...limit,
      });
      return;
    case "berry":
      // update-lockfile resolves and fetches (for checksums) but skips the link step.
      await inScratch((scratch) =>
        execOk(process.execPath, [berryCliPath(), "install", "--mode=update-lockfile"], {
          cwd: root,
          env: isolatedEnv(scratch),
          ...limit,
        }),
      );
      return;
    case "bun":
      await inScratch((scratch) =>
        execOk(
          bunBinaryPath(),
          ["install", "--lockfile-only", "--ignore-scripts", "--no-progress", "--no-summary"],
          { cwd: root, env: isolatedEnv(scratch), ...limit },
        ),
      );
      return;
  }
}

async function inScratch(run: (scratch: string) => Promise<unknown>): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), "turbine-pm-"));
  try {
    await run(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The caller's environment minus pnpm's `npm_*` script variables. */
export function callerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith("npm_")) env[key] = value;
  }
  return env;
}

/**
 * berry's and bun's environment: the caller's without `npm_*`, `yarn_*` and `bun_*` settings
 * (PATH, proxies and NODE_EXTRA_CA_CERTS stay), HOME and every cache under `scratch`.
 * berry's `YARN_*` variables win over any .yarnrc.yml the repo holds.
 */
function isolatedEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(callerEnv())) {
    const lower = key.toLowerCase();
    if (!lower.startsWith("yarn_") && !lower.startsWith("bun_")) env[key] = value;
  }
  return {
    ...env,
    HOME: scratch,
    XDG_CONFIG_HOME: path.join(scratch, "config"),
    XDG_CACHE_HOME: path.join(scratch, "cache"),
    DO_NOT_TRACK: "1",
    YARN_NPM_REGISTRY_SERVER: NPM_REGISTRY,
    YARN_ENABLE_TELEMETRY: "0",
    YARN_ENABLE_GLOBAL_CACHE: "0",
    YARN_ENABLE_SCRIPTS: "0",
    YARN_ENABLE_PROGRESS_BARS: "0",
    YARN_CACHE_FOLDER: path.join(scratch, "yarn-cache"),
    YARN_GLOBAL_FOLDER: path.join(scratch, "yarn-global"),
    YARN_INSTALL_STATE_PATH: path.join(scratch, "install-state.gz"),
    BUN_INSTALL_CACHE_DIR: path.join(scratch, "bun-cache"),
    BUN_CONFIG_REGISTRY: NPM_REGISTRY,
  };
}
