import { cpus } from "node:os";
import { isAbsolute, join } from "node:path";

import type { EnvMode, RootTurboJson } from "@turbine/workspace";

import { RunnerError } from "./errors.js";
import type { ExecutionMode } from "./execution/task-execution.js";
import type { GitRange } from "./filter/parse-filter.js";
import type { RunOptions } from "./run-options.js";
import { parseConcurrency } from "./scheduler/run-options-parse.js";

/** Run settings after flags, TURBO_* variables, turbo.json and defaults were combined. */
export interface RunSettings {
  readonly envMode: EnvMode;
  readonly concurrency: number;
  /** Absolute local cache directory. */
  readonly cacheDir: string;
  readonly frameworkInference: boolean;
  readonly summarize: boolean;
  readonly affected: GitRange | undefined;
  /** `--execution`, else TURBINE_EXECUTION, else `package-manager` (turbo's way). */
  readonly execution: ExecutionMode;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Combines one run's settings in turbo's precedence: flag, TURBO_* variable, turbo.json, default. */
export function resolveSettings(
  options: RunOptions,
  root: string,
  turboJson: RootTurboJson,
  env: Env,
): RunSettings {
  const envMode = options.envMode ?? envModeOf(env.TURBO_ENV_MODE) ?? turboJson.envMode ?? "strict";
  const concurrencyText =
    options.concurrency ?? nonEmpty(env.TURBO_CONCURRENCY) ?? turboJson.concurrency ?? "10";
  const cacheDir =
    options.cacheDir ?? nonEmpty(env.TURBO_CACHE_DIR) ?? turboJson.cacheDir ?? ".turbo/cache";
  return {
    envMode,
    concurrency: parseConcurrency(concurrencyText, cpus().length),
    cacheDir: isAbsolute(cacheDir) ? cacheDir : join(root, cacheDir),
    frameworkInference:
      options.frameworkInference ?? boolOf("TURBO_FRAMEWORK_INFERENCE", env) ?? true,
    summarize: options.summarize ?? boolOf("TURBO_RUN_SUMMARY", env) ?? false,
    affected:
      options.affected === true
        ? { from: nonEmpty(env.TURBO_SCM_BASE) ?? "main", to: nonEmpty(env.TURBO_SCM_HEAD) }
        : undefined,
    execution: options.execution ?? executionOf(env.TURBINE_EXECUTION) ?? "package-manager",
  };
}

function executionOf(value: string | undefined): ExecutionMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "direct" || value === "package-manager") return value;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `TURBINE_EXECUTION must be direct or package-manager (got "${value}")`,
    { hint: "Unset TURBINE_EXECUTION or set it to direct or package-manager." },
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function envModeOf(value: string | undefined): EnvMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "strict" || value === "loose") return value;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `TURBO_ENV_MODE must be strict or loose (got "${value}")`,
    {
      hint: "Unset TURBO_ENV_MODE or set it to strict or loose.",
    },
  );
}

function boolOf(name: string, env: Env): boolean | undefined {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `${name} must be true or false (got "${value}")`,
    {
      hint: `Unset ${name} or set it to true or false.`,
    },
  );
}
