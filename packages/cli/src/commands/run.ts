import type { RunFlags } from "../args/flags.js";
import { addRunOptions, toRunFlags } from "../args/run-options.js";
import { defineCommand } from "./command-spec.js";

/** `turbine run <tasks…> [-- args]`; `turbine <task>` means the same. */
export const runCommandSpec = defineCommand<RunFlags>({
  name: "run",
  description:
    "Run tasks across the packages of the monorepo (args after `--` go to the named tasks)",
  define: (command) => {
    addRunOptions(command.argument("[tasks...]", "tasks to run"));
  },
  flags: (opts, { args, passThroughArgs }) =>
    toRunFlags((args[0] as string[] | undefined) ?? [], [...passThroughArgs], opts),
  run: async (flags, io) => {
    const { runCommand } = await import("../run-command.js");
    return runCommand(flags, io);
  },
});
