import { resolve } from "node:path";

import { parseContinueMode, type RunOptions } from "@turbine/runner";

import type { GlobalFlags, RunFlags } from "./args/flags.js";
import type { CliIo } from "./io.js";
import { remoteFlagsOf } from "./remote-flags.js";

/** The runner options every command that reads the repository takes from the global flags. */
export type RepoOptions = Pick<
  RunOptions,
  | "cwd"
  | "inferPackage"
  | "pkgInferenceRoot"
  | "rootTurboJson"
  | "remoteFlags"
  | "dangerouslyDisablePackageManagerCheck"
  | "env"
>;

/** `RepoOptions` out of the global flags and the process's edge. */
export function repoOptions(global: GlobalFlags, io: CliIo): RepoOptions {
  const rootTurboJson = global.rootTurboJson ?? io.env.TURBO_ROOT_TURBO_JSON;
  return {
    cwd: resolve(io.cwd, global.cwd ?? "."),
    // turbo infers the package from where it was started, never from `--cwd`.
    inferPackage: global.cwd === undefined,
    ...(global.pkgInferenceRoot === undefined ? {} : { pkgInferenceRoot: global.pkgInferenceRoot }),
    ...(rootTurboJson === undefined || rootTurboJson === ""
      ? {}
      : { rootTurboJson: resolve(io.cwd, rootTurboJson) }),
    remoteFlags: remoteFlagsOf(global),
    dangerouslyDisablePackageManagerCheck: global.dangerouslyDisablePackageManagerCheck,
    env: io.env,
  };
}

/** `RunOptions` for the runner out of the parsed flags and the process's edge. */
export function runOptions(flags: RunFlags, io: CliIo): RunOptions {
  const { global } = flags;
  return {
    ...repoOptions(global, io),
    tasks: flags.tasks,
    passThroughArgs: flags.passThroughArgs,
    filters: flags.filter,
    affected: flags.affected,
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    continueMode: parseContinueMode(flags.continue),
    only: flags.only,
    parallel: flags.parallel,
    cacheFlags: {
      ...(flags.cache === undefined ? {} : { cache: flags.cache }),
      ...(flags.force === undefined ? {} : { force: flags.force }),
      ...(flags.noCache ? { noCache: true } : {}),
      ...(flags.remoteOnly === undefined ? {} : { remoteOnly: flags.remoteOnly }),
      ...(flags.remoteCacheReadOnly === undefined
        ? {}
        : { remoteCacheReadOnly: flags.remoteCacheReadOnly }),
    },
    ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }),
    ...(flags.cacheWorkers === undefined ? {} : { cacheWorkers: flags.cacheWorkers }),
    ...(flags.envMode === undefined ? {} : { envMode: flags.envMode }),
    ...(flags.frameworkInference === undefined
      ? {}
      : { frameworkInference: flags.frameworkInference }),
    globalDeps: flags.globalDeps,
    singlePackage: flags.singlePackage,
    verbosity: global.verbosity,
    ...(flags.execution === undefined ? {} : { execution: flags.execution }),
    ...(flags.outputLogs === undefined ? {} : { outputLogs: flags.outputLogs }),
    ...(flags.summarize === undefined ? {} : { summarize: flags.summarize }),
    ...(flags.explain ? { explain: true } : {}),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    ...(io.forceSignal === undefined ? {} : { forceSignal: io.forceSignal }),
    commandLine: commandLine(flags),
  };
}

/**
 * The command a run summary records, rebuilt from the flags as turbo rebuilds it: the tasks, then
 * `--filter=`, `--affected`, `--parallel`, `--continue=` (unless `never`), `--only` and the
 * arguments after `--`; other flags are left out, whatever was typed.
 */
export function commandLine(flags: RunFlags): string {
  const parts = ["turbine", "run", ...flags.tasks];
  for (const filter of flags.filter) parts.push(`--filter=${filter}`);
  if (flags.affected) parts.push("--affected");
  if (flags.parallel) parts.push("--parallel");
  const mode = parseContinueMode(flags.continue);
  if (mode !== "never") parts.push(`--continue=${mode}`);
  if (flags.only) parts.push("--only");
  if (flags.passThroughArgs.length > 0) parts.push("--", ...flags.passThroughArgs);
  return parts.join(" ");
}
