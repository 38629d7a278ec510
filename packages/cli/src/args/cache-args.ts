import { type Command, Option } from "commander";

import type { GlobalFlags, ParsedCommand } from "./flags.js";

/** `turbine cache status|prune|clean`. */
export interface CacheFlags {
  readonly action: "status" | "prune" | "clean";
  /** prune / clean: report what would go, remove nothing. */
  readonly dry: boolean;
  readonly cacheDir: string | undefined;
  readonly global: GlobalFlags;
}

type Opts = Record<string, unknown>;

/**
 * Registers `cache` and its subcommands. turbo 2.11.13 has no `cache` command (`turbo cache` runs
 * a task named `cache`); `turbine run cache` still does.
 */
export function addCacheCommand(
  program: Command,
  done: (command: ParsedCommand) => void,
  toGlobal: (opts: Opts) => GlobalFlags,
): void {
  const cache = program
    .command("cache")
    .description("Inspect and trim the local cache (.turbo/cache): status, prune, clean");
  const actions: [CacheFlags["action"], string][] = [
    ["status", "Entries, bytes, the least recently used entry and the eviction budget in force"],
    [
      "prune",
      "Evict now: entries past cacheMaxAge, then the least recently used past cacheMaxSize",
    ],
    ["clean", "Remove every entry (but those a live run is using)"],
  ];
  for (const [action, description] of actions) {
    const sub = cache
      .command(action)
      .description(description)
      .option("--cache-dir <dir>", "Local cache directory (default .turbo/cache)");
    if (action !== "status") {
      // `[mode]` only because argv normalisation binds a bare `--dry` to `--dry=text` (run's form).
      sub.addOption(
        new Option("--dry [mode]", "Say what would be removed; remove nothing").choices(["text"]),
      );
    }
    sub.action((_opts: unknown, command: Command) => {
      const o = command.optsWithGlobals<Opts>();
      done({
        kind: "cache",
        flags: {
          action,
          dry: o.dry !== undefined && o.dry !== false,
          cacheDir: typeof o.cacheDir === "string" ? o.cacheDir : undefined,
          global: toGlobal(o),
        },
      });
    });
  }
}
