import type { Command } from "commander";

import type { CommandCall } from "../args/flags.js";
import type { Opts } from "../args/option-helpers.js";
import type { CliIo, CliResult } from "../io.js";

/** What a command's flag mapping gets besides commander's options. */
export interface CommandInput {
  /** The command's positional arguments (each declared argument, variadic ones as arrays). */
  readonly args: readonly unknown[];
  /** Everything after the first `--`. */
  readonly passThroughArgs: readonly string[];
}

/**
 * One `turbine` subcommand: its name, how commander declares it, how parsed options become the
 * handler's flags, and the handler. Adding a command is one file exporting a spec made with
 * `defineCommand`, plus its line in `commands/index.ts`.
 */
export interface CommandSpec<F> {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Shown by `turbine --help`; hidden commands are still dispatched. */
  readonly description: string;
  readonly hidden?: boolean;
  /** Declares arguments and options on the commander subcommand made for `name`. */
  readonly define?: (command: Command) => void;
  /** The handler's flags out of commander's options (the program's global ones included). */
  readonly flags: (opts: Opts, input: CommandInput) => F;
  /** Runs the handler; it imports its implementation on demand, so `--help` stays cheap. */
  readonly run: (flags: F, io: CliIo) => Promise<CliResult>;
}

/** A registered command with its flag type erased, as the parser dispatches it. */
export interface RegisteredCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly hidden: boolean;
  readonly define: (command: Command) => void;
  readonly call: (opts: Opts, input: CommandInput) => CommandCall;
}

/** Registers a command spec (see `CommandSpec`). */
export function defineCommand<F>(spec: CommandSpec<F>): RegisteredCommand {
  return {
    name: spec.name,
    aliases: spec.aliases ?? [],
    description: spec.description,
    hidden: spec.hidden === true,
    define: spec.define ?? (() => undefined),
    call: (opts, input) => {
      const flags = spec.flags(opts, input);
      return { kind: "command", name: spec.name, flags, run: (io) => spec.run(flags, io) };
    },
  };
}
