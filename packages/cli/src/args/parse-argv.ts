import { Command, CommanderError } from "commander";

import { COMMANDS } from "../commands/index.js";
import type { CommandCall, ParsedCommand } from "./flags.js";
import { addGlobalOptions } from "./global-options.js";
import { type ArgvGrammar, normalizeArgv } from "./normalize-argv.js";
import type { Opts } from "./option-helpers.js";

export interface ParseIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Printed by --version. */
  readonly version: string;
}

/**
 * Parses user argv (no node/script) with commander into a `ParsedCommand`: the command asked
 * for (see `commands/index.ts`) with its flags, ready to run. Help, version and usage errors are
 * written through `io` and come back as `{ kind: "exit" }`; nothing exits the process.
 */
export function parseArgv(input: readonly string[], io: ParseIo): ParsedCommand {
  let parsed: CommandCall | undefined;
  const passThroughArgs: string[] = [];
  const program = buildProgram(io, passThroughArgs, (call) => {
    parsed = call;
  });
  const normalized = normalizeArgv(input, grammarOf(program));
  passThroughArgs.push(...normalized.passThroughArgs);
  try {
    program.parse(normalized.argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ["commander.helpDisplayed", "commander.version", "commander.help"];
      return { kind: "exit", exitCode: helpOrVersion.includes(error.code) ? 0 : error.exitCode };
    }
    throw error;
  }
  if (parsed !== undefined) return parsed;
  program.outputHelp({ error: true });
  return { kind: "exit", exitCode: 1 };
}

function buildProgram(
  io: ParseIo,
  passThroughArgs: readonly string[],
  done: (call: CommandCall) => void,
): Command {
  const program = new Command("turbine")
    .description("Turbine: a build orchestrator that shares turbo 2.11.13's hashes and caches.")
    .version(io.version, "--version", "Print the version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      "\nturbo's other commands (prune, watch, query, gen, login, …) are not built yet:\n" +
        "`turbine <command>` says what to use instead.",
    );
  addGlobalOptions(program);
  for (const registered of COMMANDS) {
    const command = program
      .command(registered.name, { hidden: registered.hidden })
      .description(registered.description)
      .aliases(registered.aliases);
    registered.define(command);
    command.action((...params: unknown[]) => {
      // commander passes the declared arguments, then the command's options, then the command.
      const self = params.at(-1) as Command;
      const opts: Opts = self.optsWithGlobals();
      done(registered.call(opts, { args: params.slice(0, -2), passThroughArgs }));
    });
  }
  return program;
}

/** Command names and value-taking options, read off the program so they never drift. */
function grammarOf(program: Command): ArgvGrammar {
  const commands = new Set(["help"]);
  const valueOptions = new Set<string>();
  const addOptions = (command: Command): void => {
    for (const option of command.options) {
      if (!option.required) continue;
      if (option.long !== undefined) valueOptions.add(option.long);
      if (option.short !== undefined) valueOptions.add(option.short);
    }
  };
  addOptions(program);
  for (const command of program.commands) {
    commands.add(command.name());
    for (const alias of command.aliases()) commands.add(alias);
    addOptions(command);
  }
  return { commands, valueOptions };
}
