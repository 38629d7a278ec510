import { binCommandSpec } from "./bin.js";
import { cacheCommandSpec } from "./cache.js";
import type { RegisteredCommand } from "./command-spec.js";
import { doctorCommandSpec } from "./doctor.js";
import { lsCommandSpec } from "./ls.js";
import { notAvailableCommands } from "./not-available.js";
import { runCommandSpec } from "./run.js";
import { whyCommandSpec } from "./why.js";

/** Every `turbine` subcommand; `run` first (the implicit one), turbo's missing ones last. */
export const COMMANDS: readonly RegisteredCommand[] = [
  runCommandSpec,
  lsCommandSpec,
  binCommandSpec,
  whyCommandSpec,
  doctorCommandSpec,
  cacheCommandSpec,
  ...notAvailableCommands,
];
