import { CliError } from "../cli-error.js";
import { type CommandSpec, defineCommand, type RegisteredCommand } from "./command-spec.js";

/** A turbo 2.11.13 subcommand Turbine has not built, and what to do instead. */
interface TurboCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** What to use instead; default: run it with turbo. */
  readonly instead?: string;
}

const CREDENTIALS =
  "Turbine reads the remote cache credentials from TURBO_TOKEN and TURBO_TEAM (or --token and " +
  "--team), not from the files `turbo login` and `turbo link` write.";

/** turbo's subcommands (`turbo --help`, plus hidden ones) that Turbine does not have. */
const TURBO_COMMANDS: readonly TurboCommand[] = [
  { name: "boundaries" },
  { name: "completion" },
  { name: "config" },
  { name: "daemon", instead: "Turbine runs without a daemon; `turbo daemon` manages turbo's own." },
  { name: "devtools" },
  { name: "docs", instead: "Search turbo's documentation at https://turborepo.com/docs." },
  { name: "exec" },
  { name: "generate", aliases: ["g", "gen"] },
  { name: "get-mfe-port" },
  { name: "hook" },
  { name: "info" },
  { name: "link", instead: CREDENTIALS },
  { name: "login", instead: CREDENTIALS },
  { name: "logout", instead: CREDENTIALS },
  { name: "prune" },
  {
    name: "query",
    instead:
      "`turbine ls --output json` and `turbine run <tasks> --dry=json` print the package and " +
      "task graphs as JSON; `turbo query` reads the same repository.",
  },
  { name: "scan" },
  { name: "setup" },
  { name: "telemetry" },
  { name: "unlink", instead: CREDENTIALS },
  { name: "watch" },
];

/**
 * Every turbo subcommand Turbine lacks, registered so that `turbine watch` fails with its own
 * message instead of being taken for a task named `watch`. `telemetry` succeeds: Turbine
 * collects none, which is what `turbo telemetry disable` asks for.
 */
export const notAvailableCommands: readonly RegisteredCommand[] = TURBO_COMMANDS.map((turbo) =>
  defineCommand(notAvailable(turbo)),
);

function notAvailable(turbo: TurboCommand): CommandSpec<readonly string[]> {
  return {
    name: turbo.name,
    ...(turbo.aliases === undefined ? {} : { aliases: turbo.aliases }),
    description: `not available in Turbine (run \`turbo ${turbo.name}\`)`,
    hidden: true,
    define: (command) => {
      command.argument("[args...]").allowUnknownOption().allowExcessArguments().helpOption(false);
    },
    flags: (_opts, { args }) => (args[0] as string[] | undefined) ?? [],
    run: (args, io) => {
      if (turbo.name === "telemetry") {
        io.stdout.write(
          "\nTurbine collects no telemetry: there is nothing to enable or disable.\n",
        );
        return Promise.resolve({ exitCode: 0 });
      }
      const line = ["turbo", turbo.name, ...args].join(" ");
      const hint =
        turbo.instead ??
        `Run it with turbo (\`npx ${line}\`): it reads the same turbo.json as Turbine.`;
      return Promise.reject(
        new CliError(
          "ERR_CLI_COMMAND_NOT_AVAILABLE",
          `\`turbine ${turbo.name}\` is not available yet`,
          { hint },
        ),
      );
    },
  };
}
