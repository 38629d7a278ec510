import { exec, type ExecResult } from "./exec.js";
import { binPath, turbineRoot } from "./paths.js";

/**
 * A minimal, machine-independent environment for running turbo (and Turbine) in tests:
 * PATH and HOME from the caller, telemetry and update notices off, no CI variables, plus `extra`.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/root",
    TURBO_TELEMETRY_DISABLED: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    DO_NOT_TRACK: "1",
  };
  return { ...env, ...extra };
}

export interface RunTurboOptions {
  /** Extra environment variables on top of `cleanEnv()`. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * The real turbo 2.11.13 executable itself (what `turbo bin` prints), without the npm shim that
 * `node_modules/.bin/turbo` runs it through: signals sent to it reach turbo directly.
 */
export async function turboBinary(): Promise<string> {
  const result = await exec(binPath("turbo"), ["bin"], { cwd: turbineRoot(), env: cleanEnv() });
  const path = result.stdout.trim();
  if (result.code !== 0 || path === "") {
    throw new Error(`turbo bin exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return path;
}

/** Runs the real turbo 2.11.13 binary in `cwd`. */
export function runTurbo(
  cwd: string,
  args: readonly string[],
  options: RunTurboOptions = {},
): Promise<ExecResult> {
  return exec(binPath("turbo"), args, {
    cwd,
    env: cleanEnv(options.env),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/** The parts of turbo's `--dry=json` output that tests read; the rest is kept as `unknown`. */
export interface TurboDryRun {
  readonly id: string;
  readonly version: string;
  readonly turboVersion: string;
  readonly monorepo: boolean;
  readonly globalCacheInputs: {
    readonly rootKey: string;
    readonly files: Readonly<Record<string, string>>;
    readonly hashOfExternalDependencies: string;
    readonly hashOfInternalDependencies: string;
    readonly environmentVariables: Readonly<Record<string, unknown>>;
    readonly engines: Readonly<Record<string, string>> | null;
  };
  readonly packages: readonly string[];
  readonly envMode: "strict" | "loose";
  readonly frameworkInference: boolean;
  readonly tasks: readonly TurboDryTask[];
  readonly [key: string]: unknown;
}

export interface TurboDryTask {
  readonly taskId: string;
  readonly task: string;
  readonly package?: string;
  readonly hash: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly hashOfExternalDependencies: string;
  readonly command: string;
  readonly outputs: readonly string[] | null;
  readonly dependencies: readonly string[];
  readonly dependents: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * Runs `turbo <args> --dry=json` and returns the parsed JSON.
 * Throws with turbo's output when it fails, so a test sees why.
 */
export async function turboDryJson(
  cwd: string,
  args: readonly string[] = ["run", "build"],
  options: RunTurboOptions = {},
): Promise<TurboDryRun> {
  const result = await runTurbo(cwd, [...args, "--dry=json"], options);
  if (result.code !== 0) {
    throw new Error(
      `turbo ${args.join(" ")} --dry=json exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as TurboDryRun;
}
