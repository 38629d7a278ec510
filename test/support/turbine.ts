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

/** The built `turbine` bin, run by this Node. */
export function turbineBin(): string {
  return join(turbineRoot(), "packages/cli/bin/turbine.js");
}

/**
 * Runs the turbine CLI as its own process (for faults that need one: a mount namespace, a
 * preloaded module): `wrap` turns `[command, args]` into what is spawned, `nodeArgs` go to Node.
 */
export function runTurbineProcess(
  cwd: string,
  args: readonly string[],
  options: {
    env?: Readonly<Record<string, string>>;
    nodeArgs?: readonly string[];
    wrap?: (command: string, args: readonly string[]) => [string, string[]];
  } = {},
): Promise<ExecResult> {
  const command = process.execPath;
  const full = [...(options.nodeArgs ?? []), turbineBin(), ...args];
  const [cmd, argv] = options.wrap?.(command, full) ?? [command, full];
  return exec(cmd, argv, { cwd, env: cleanEnv(options.env) });
}
