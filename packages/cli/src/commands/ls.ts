import type { LsFlags } from "../args/flags.js";
import { toGlobalFlags } from "../args/global-options.js";
import { choice, collect } from "../args/option-helpers.js";
import { defineCommand } from "./command-spec.js";

/** `turbine ls [packages…]`: turbo's package list, or the detail view of the packages named. */
export const lsCommandSpec = defineCommand<LsFlags>({
  name: "ls",
  description: "List the packages of the monorepo, or show the packages named",
  define: (command) => {
    command
      .argument("[packages...]", "packages to show in detail")
      .option("-F, --filter <selector>", "Select packages; repeatable", collect, [])
      .option("--affected", "Only changed packages")
      .addOption(
        choice("--output <format>", "pretty or json", ["pretty", "json"]).default("pretty"),
      );
  },
  flags: (o, { args }) => ({
    packages: (args[0] as string[] | undefined) ?? [],
    filter: o.filter as string[],
    affected: o.affected === true,
    output: o.output === "json" ? "json" : "pretty",
    global: toGlobalFlags(o),
  }),
  run: async (flags, io) => {
    const { lsCommand } = await import("../ls-command.js");
    return lsCommand(flags, io);
  },
});
