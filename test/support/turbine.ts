import { join } from "node:path";

import { main } from "@turbine/cli";
import { cleanEnv, exec, type ExecResult, turbineRoot } from "@turbine/test-utils";

/**
 * Runs the turbine CLI handler in-process on `cwd` with turbo's clean test environment (plus
 * `env`), collecting its output; the same shape `runTurbo` returns, so the two compare directly.
 */
export async function runTurbine(
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ExecResult> {
  let stdout = "";
  let stderr = "";
  const { exitCode } = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: cleanEnv(env),
    cwd,
  });
  return { code: exitCode, stdout, stderr };
}

/** The `turbine` executable (the rolldown bundle behind packages/cli/bin/turbine.js). */
export const TURBINE_BIN = join(turbineRoot(), "packages/cli/bin/turbine.js");

/**
 * Runs the real `turbine` bin with this Node, in `cwd`, with turbo's clean test environment (plus
 * `env`). For faults that need a process of its own (a mount namespace, a preloaded module):
 * `nodeArgs` go to Node, and `wrap` turns `[command, args]` into what is spawned.
 */
export function runTurbineBin(
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  spawn: {
    readonly nodeArgs?: readonly string[];
    readonly wrap?: (command: string, args: readonly string[]) => [string, string[]];
  } = {},
): Promise<ExecResult> {
  const full = [...(spawn.nodeArgs ?? []), TURBINE_BIN, ...args];
  const [command, argv] = spawn.wrap?.(process.execPath, full) ?? [process.execPath, full];
  return exec(command, argv, { cwd, env: cleanEnv(env) });
}
