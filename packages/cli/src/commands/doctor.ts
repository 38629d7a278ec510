import type { DoctorFlags } from "../args/flags.js";
import { toGlobalFlags } from "../args/global-options.js";
import { collect } from "../args/option-helpers.js";
import { defineCommand } from "./command-spec.js";

/** `turbine doctor [tasks…]`: each task's hash next to the installed turbo's, and what differs. */
export const doctorCommandSpec = defineCommand<DoctorFlags>({
  name: "doctor",
  description:
    "Compare each task's hash with the turbo installed in this repo (turbo's cache shared?)",
  define: (command) => {
    command
      .argument("[tasks...]", "tasks to compare (default: every task in turbo.json)")
      .option("-F, --filter <selector>", "Select packages; repeatable", collect, []);
  },
  flags: (o, { args }) => ({
    tasks: (args[0] as string[] | undefined) ?? [],
    filter: o.filter as string[],
    global: toGlobalFlags(o),
  }),
  run: async (flags, io) => {
    const { doctorCommand } = await import("../doctor/doctor-command.js");
    return doctorCommand(flags, io);
  },
});
