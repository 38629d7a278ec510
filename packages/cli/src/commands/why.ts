import type { WhyFlags } from "../args/flags.js";
import { toGlobalFlags } from "../args/global-options.js";
import { str } from "../args/option-helpers.js";
import { defineCommand } from "./command-spec.js";

/** `turbine why <package>#<task> [--against <dir>] [-- args]`: exit 0 on a hit, 2 on a miss. */
export const whyCommandSpec = defineCommand<WhyFlags>({
  name: "why",
  description: "Explain why a task would miss the cache, against its last run (exit 2 on a miss)",
  define: (command) => {
    command
      .argument("<task>", "the task, as <package>#<task>")
      .option("--against <dir>", "Compare with another record store (e.g. a CI run's)")
      .option("--single-package", "Treat the repository as one package");
  },
  flags: (o, { args, passThroughArgs }) => ({
    task: args[0] as string,
    against: str(o.against),
    passThroughArgs: [...passThroughArgs],
    singlePackage: o.singlePackage === true,
    global: toGlobalFlags(o),
  }),
  run: async (flags, io) => {
    const { whyCommand } = await import("../why-command.js");
    return whyCommand(flags, io);
  },
});
