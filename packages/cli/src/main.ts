import { parseArgv } from "./args/parse-argv.js";
import { formatError, isTurbineError } from "./format-error.js";
import type { CliIo, CliResult } from "./io.js";
import { CLI_VERSION } from "./version.js";

/**
 * The whole `turbine` command as a function: argv (without node and script) in, exit code out,
 * every byte written through `io`. Fatal Turbine errors are printed in turbo's ` x` style; any
 * other exception is a bug and is rethrown. The command modules (and with them the runner and its
 * dependencies) are loaded only once argv asks for them, so `--help` and `--version` start fast.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const parsed = parseArgv(argv, {
    out: (text) => io.stdout.write(text),
    err: (text) => io.stderr.write(text),
    version: CLI_VERSION,
  });
  try {
    switch (parsed.kind) {
      case "exit":
        return { exitCode: parsed.exitCode };
      case "run": {
        const { runCommand } = await import("./run-command.js");
        return await runCommand(parsed.flags, io);
      }
      case "ls": {
        const { lsCommand } = await import("./ls-command.js");
        return await lsCommand(parsed.flags, io);
      }
      case "why": {
        const { whyCommand } = await import("./why-command.js");
        return await whyCommand(parsed.flags, io);
      }
    }
  } catch (error) {
    if (!isTurbineError(error)) throw error;
    io.stderr.write(`\n${formatError(error).join("\n")}\n\n`);
    return { exitCode: 1 };
  }
}
