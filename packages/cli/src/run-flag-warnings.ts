import type { RunFlags } from "./args/flags.js";

const NO_DAEMON = "will be removed in version 3.0. The daemon is no longer used for `turbo run`.";

/**
 * The warnings a run's flags deserve before anything else is printed: turbo's deprecations
 * (`--daemon`, `--no-daemon`, `--parallel`) in its words, and the flags Turbine accepts without
 * acting on them.
 */
export function runFlagWarnings(flags: RunFlags, isTTY: boolean): string[] {
  const warnings: string[] = [];
  if (flags.daemon !== undefined) {
    warnings.push(`${flags.daemon ? "--daemon" : "--no-daemon"} is deprecated and ${NO_DAEMON}`);
  }
  if (flags.parallel) {
    warnings.push(
      "--parallel is deprecated and will be removed in a future major version. Instead, define " +
        "task behavior in your turbo.json task definitions using `persistent` and `with`.",
    );
  }
  // turbo falls back to the stream UI by itself when stdout is not a terminal.
  if (flags.global.ui === "tui" && isTTY) {
    warnings.push("--ui=tui is not available in Turbine yet; using the stream UI");
  }
  for (const flag of flags.global.ignored) {
    warnings.push(`${flag} has no effect in Turbine and is ignored`);
  }
  return warnings;
}
