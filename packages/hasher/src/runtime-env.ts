import { difference, type EnvMap, fromWildcards, union, wildcardMaps } from "./env-wildcards.js";
import type { EnvMode } from "./hashables.js";

/**
 * Variables every task receives in strict mode (`BUILTIN_PASS_THROUGH_ENV` of turbo 2.11.13,
 * including the entries only the 2.11.11 binary has: XDG_DATA_*, TMPDIR, TURBO_*, NIX_*,
 * __NIXOS_*, LOCALAPPDATA, COMSPEC, PATHEXT, pnpm_config_verify_deps_before_run).
 */
export const BUILTIN_PASS_THROUGH_ENV: readonly string[] = [
  "HOME",
  "USER",
  "TZ",
  "LANG",
  "SHELL",
  "PWD",
  "XDG_DATA_*",
  "XDG_RUNTIME_DIR",
  "XAUTHORITY",
  "DBUS_SESSION_BUS_ADDRESS",
  "CI",
  "NODE_OPTIONS",
  "COREPACK_*",
  "LD_LIBRARY_PATH",
  "DYLD_FALLBACK_LIBRARY_PATH",
  "LIBPATH",
  "LD_PRELOAD",
  "DYLD_INSERT_LIBRARIES",
  "COLORTERM",
  "TERM",
  "TERM_PROGRAM",
  "DISPLAY",
  "TMP",
  "TMPDIR",
  "TEMP",
  "WINDIR",
  "ProgramFiles",
  "ProgramFiles(x86)",
  "VSCODE_*",
  "ELECTRON_RUN_AS_NODE",
  "DOCKER_*",
  "BUILDKIT_*",
  "COMPOSE_*",
  "JB_IDE_*",
  "JB_INTERPRETER",
  "_JETBRAINS_TEST_RUNNER_RUN_SCOPE_TYPE",
  "TURBO_*",
  "VERCEL",
  "VERCEL_*",
  "NEXT_*",
  "USE_OUTPUT_FOR_EDGE_FUNCTIONS",
  "NOW_BUILDER",
  "VC_MICROFRONTENDS_CONFIG_FILE_NAME",
  "__NIXOS_*",
  "NIX_*",
  "GITHUB_*",
  "RUNNER_*",
  "APPDATA",
  "LOCALAPPDATA",
  "PATH",
  "PROGRAMDATA",
  "SYSTEMROOT",
  "SYSTEMDRIVE",
  "USERPROFILE",
  "HOMEDRIVE",
  "HOMEPATH",
  "PNPM_HOME",
  "pnpm_config_verify_deps_before_run",
  "NPM_CONFIG_STORE_DIR",
  "COMSPEC",
  "PATHEXT",
];

export interface RuntimeEnvInput {
  readonly envMode: EnvMode;
  /** The root `globalEnv` resolved for the global hash (its `all` map). */
  readonly globalHashedEnv: EnvMap;
  /** Root `globalPassThroughEnv` patterns, if any. */
  readonly globalPassThroughEnv: readonly string[] | null;
  /** The task's `passThroughEnv` patterns, if any. */
  readonly taskPassThroughEnv: readonly string[] | null;
  /** The env vars hashed into the task (its `all` map). */
  readonly taskHashedEnv: EnvMap;
}

/**
 * The environment a task process gets (not hashed). Loose mode: everything. Strict mode: the
 * built-in pass-through list, the global env (hashed and pass-through), the task's pass-through
 * matches (its `!` entries remove), and the task's hashed env.
 */
export function taskRuntimeEnv(env: EnvMap, input: RuntimeEnvInput): Map<string, string> {
  if (input.envMode === "loose") return new Map(env);
  const globalEnv = union(
    fromWildcards(env, input.globalPassThroughEnv ?? []),
    input.globalHashedEnv,
  );
  const task = wildcardMaps(env, input.taskPassThroughEnv ?? []);
  const out = fromWildcards(env, BUILTIN_PASS_THROUGH_ENV);
  union(out, globalEnv);
  union(out, task.inclusions);
  difference(out, task.exclusions);
  return union(out, input.taskHashedEnv);
}
