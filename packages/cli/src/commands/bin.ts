import { TURBINE_VERSION } from "@turbine/errors";

import { defineCommand } from "./command-spec.js";

/** `turbine bin`: the absolute path of the `turbine` executable, as `turbo bin` prints turbo's. */
export const binCommandSpec = defineCommand<null>({
  name: "bin",
  description: "Print the path to the turbine executable",
  flags: () => null,
  run: (_flags, io) => {
    io.stderr.write(`\u2022 turbine ${TURBINE_VERSION}\n`);
    if (io.executable === undefined) {
      io.stderr.write("  x the path of the turbine executable is unknown in this process\n");
      return Promise.resolve({ exitCode: 1 });
    }
    io.stdout.write(`${io.executable}\n`);
    return Promise.resolve({ exitCode: 0 });
  },
});
