import { RunnerError } from "../errors.js";

/** How the run proceeds after a task fails (`--continue`). */
export type ContinueMode = "never" | "dependencies-successful" | "always";

const CONTINUE_MODES: readonly ContinueMode[] = ["never", "dependencies-successful", "always"];

/**
 * Parses a `--continue` value. A bare `--continue` (`true`) means `always`, as in turbo; `false`
 * or an absent flag means `never`.
 */
export function parseContinueMode(value: string | boolean | undefined): ContinueMode {
  if (value === undefined || value === false) return "never";
  if (value === true) return "always";
  const mode = CONTINUE_MODES.find((m) => m === value);
  if (mode !== undefined) return mode;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_CONTINUE",
    `invalid value '${value}' for '--continue': expected never, dependencies-successful or always`,
    { hint: "Write --continue, --continue=dependencies-successful or --continue=never." },
  );
}

/**
 * Parses `--concurrency` / `TURBO_CONCURRENCY` / turbo.json `concurrency`: a whole number >= 1,
 * or a percentage of the logical CPUs (`"50%"`, at least 1).
 */
export function parseConcurrency(value: string | number, cpus: number): number {
  const text = String(value).trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent?.[1] !== undefined) {
    const share = Number(percent[1]);
    if (share > 0) return Math.max(1, Math.floor((cpus * share) / 100));
  } else if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count >= 1) return count;
  }
  throw new RunnerError(
    "ERR_RUNNER_INVALID_CONCURRENCY",
    `invalid value '${text}' for '--concurrency': expected a whole number >= 1 or a percentage like 50%`,
    { hint: "Use --concurrency=1 for serial runs or --concurrency=100% for one task per CPU." },
  );
}
