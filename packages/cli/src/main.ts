import { isTurbineError, TURBINE_VERSION } from "@turbine/errors";

import { parseArgv } from "./args/parse-argv.js";
import { formatError } from "./format-error.js";
import type { CliIo, CliResult } from "./io.js";

/**
 * The whole `turbine` command as a function: argv (without node and script) in, exit code out,
 * every byte written through `io`. Fatal Turbine errors are printed in turbo's ` x` style; any
 * other exception is a bug and is rethrown. Each command loads its module (and with it the runner
 * and its dependencies) only once argv asks for it, so `--help` and `--version` start fast.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const parsed = parseArgv(argv, {
    out: (text) => io.stdout.write(text),
    err: (text) => io.stderr.write(text),
    version: TURBINE_VERSION,
  });
  if (parsed.kind === "exit") return { exitCode: parsed.exitCode };
  try {
    return await parsed.run(io);
  } catch (error) {
    if (!isTurbineError(error)) throw error;
    io.stderr.write(`\n${formatError(error).join("\n")}\n\n`);
    return { exitCode: 1 };
  }
}
