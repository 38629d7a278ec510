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

/** Runs the real `turbine` bin with this Node, in `cwd`, with turbo's clean test environment. */
export function runTurbineBin(
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ExecResult> {
  return exec(process.execPath, [TURBINE_BIN, ...args], { cwd, env: cleanEnv(env) });
}
