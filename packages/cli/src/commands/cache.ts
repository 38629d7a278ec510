import { Argument, Option } from "commander";

import type { GlobalFlags } from "../args/flags.js";
import { toGlobalFlags } from "../args/global-options.js";
import { str } from "../args/option-helpers.js";
import { defineCommand } from "./command-spec.js";

/** `turbine cache status|prune|clean`. */
export interface CacheFlags {
  readonly action: "status" | "prune" | "clean";
  /** prune / clean: report what would go, remove nothing. */
  readonly dry: boolean;
  readonly cacheDir: string | undefined;
  readonly global: GlobalFlags;
}

const ACTIONS = ["status", "prune", "clean"] as const;

/**
 * `turbine cache <status|prune|clean>`: Turbine's own. turbo 2.11.13 has no `cache` command
 * (`turbo cache` runs a task named `cache`); `turbine run cache` still does.
 */
export const cacheCommandSpec = defineCommand<CacheFlags>({
  name: "cache",
  description:
    "The local cache: status (entries, bytes, the budget in force), prune (evict now), clean (all)",
  define: (command) => {
    command
      .addArgument(new Argument("<action>", "status, prune or clean").choices([...ACTIONS]))
      .option("--cache-dir <dir>", "Local cache directory (default .turbo/cache)")
      // `[mode]` only because argv normalisation binds a bare `--dry` to `--dry=text` (run's form).
      .addOption(
        new Option("--dry [mode]", "prune, clean: say what would go, remove nothing").choices([
          "text",
        ]),
      );
  },
  flags: (o, { args }) => ({
    action: ACTIONS.find((a) => a === args[0]) ?? "status",
    dry: o.dry !== undefined && o.dry !== false,
    cacheDir: str(o.cacheDir),
    global: toGlobalFlags(o),
  }),
  run: async (flags, io) => {
    const { cacheCommand } = await import("../cache-command.js");
    return cacheCommand(flags, io);
  },
});
