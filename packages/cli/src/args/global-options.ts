import { type Command, Option } from "commander";

import type { GlobalFlags } from "./flags.js";
import { choice, integer, type Opts, str } from "./option-helpers.js";

/**
 * turbo 2.11.13's OpenTelemetry flags (`turbo --help`). Turbine exports no metrics: they are
 * accepted so a command line written for turbo still runs, and named in a warning.
 */
const OTEL_FLAGS = [
  "--experimental-otel-enabled [bool]",
  "--experimental-otel-protocol <protocol>",
  "--experimental-otel-endpoint <url>",
  "--experimental-otel-timeout-ms <ms>",
  "--experimental-otel-interval-ms <ms>",
  "--experimental-otel-header <key=value>",
  "--experimental-otel-resource <key=value>",
  "--experimental-otel-metrics-run-summary [bool]",
  "--experimental-otel-metrics-task-details [bool]",
  "--experimental-otel-use-remote-cache-token [bool]",
];

/** Flags with no effect in Turbine that deserve a warning when given (see `GlobalFlags.ignored`). */
function ignoredOptions(): Option[] {
  return [
    new Option("--heap <file>", "Accepted for turbo compatibility (no heap profile is written)"),
    new Option("--trace <file>", "Accepted for turbo compatibility (no trace is written)"),
    ...OTEL_FLAGS.map((flags) =>
      new Option(flags, "Accepted for turbo compatibility (nothing is exported)").hideHelp(),
    ),
  ];
}

/** Adds the options every command takes (turbo's global flags) to the program. */
export function addGlobalOptions(program: Command): Command {
  program
    .option("--cwd <dir>", "The directory in which to run (no package is inferred from it)")
    .option("--token <token>", "Set the auth token for API calls")
    .option("--team <slug>", "Set the team slug for API calls")
    .option("--api <url>", "Override the endpoint for API calls")
    .option("--login <url>", "Accepted for turbo compatibility (used by `turbo login` only)")
    .option("--preflight", "Precede HTTP requests with an OPTIONS request for authorization")
    .option("--remote-cache-timeout <seconds>", "Set a timeout for all HTTP requests", integer)
    .option("--color", "Force color usage in the terminal")
    .option("--no-color", "Suppress color usage in the terminal")
    .addOption(
      choice("--ui <ui>", "stream, or tui (Turbine streams, with a notice)", ["stream", "tui"]),
    )
    .option("--verbosity <count>", "Verbosity level (1: show notices and debug warnings)", integer)
    .option("-v", "Verbosity level; repeat for more (-vv)", (_: unknown, n: number) => n + 1, 0)
    .option("--root-turbo-json <path>", "Use this turbo.json instead of the one at the repo root")
    .addOption(new Option("--pkg-inference-root <path>").hideHelp())
    .option("--no-update-notifier", "Accepted for turbo compatibility (Turbine never checks)")
    .option("--skip-infer", "Accepted for turbo compatibility (Turbine never re-executes itself)")
    .option(
      "--dangerously-disable-package-manager-check",
      "Allow a missing `packageManager` in package.json",
    );
  for (const option of ignoredOptions()) program.addOption(option);
  return program;
}

/** The global flags out of commander's merged options. */
export function toGlobalFlags(o: Opts): GlobalFlags {
  const ui = str(o.ui);
  return {
    cwd: str(o.cwd),
    token: str(o.token),
    team: str(o.team),
    api: str(o.api),
    preflight: o.preflight === true ? true : undefined,
    remoteCacheTimeout: typeof o.remoteCacheTimeout === "number" ? o.remoteCacheTimeout : undefined,
    color: typeof o.color === "boolean" ? o.color : undefined,
    ui: ui === "stream" || ui === "tui" ? ui : undefined,
    verbosity: typeof o.verbosity === "number" ? o.verbosity : typeof o.v === "number" ? o.v : 0,
    rootTurboJson: str(o.rootTurboJson),
    pkgInferenceRoot: str(o.pkgInferenceRoot),
    dangerouslyDisablePackageManagerCheck: o.dangerouslyDisablePackageManagerCheck === true,
    ignored: ignoredOptions()
      .filter((option) => o[option.attributeName()] !== undefined)
      .map((option) => option.long ?? option.flags),
  };
}
