import { Command, CommanderError, InvalidArgumentError, Option } from "commander";

import type { GlobalFlags, LsFlags, ParsedCommand, RunFlags, WhyFlags } from "./flags.js";
import { normalizeArgv } from "./normalize-argv.js";

export interface ParseIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Printed by --version. */
  readonly version: string;
}

/**
 * Parses user argv (no node/script) with commander into a `ParsedCommand`. Help, version and
 * usage errors are written through `io` and come back as `{ kind: "exit" }`; nothing exits the
 * process.
 */
export function parseArgv(input: readonly string[], io: ParseIo): ParsedCommand {
  const { argv, passThroughArgs } = normalizeArgv(input);
  let parsed: ParsedCommand | undefined;
  const program = buildProgram(
    io,
    (command) => {
      parsed = command;
    },
    passThroughArgs,
  );
  try {
    program.parse(argv, { from: "user" });
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
  done: (command: ParsedCommand) => void,
  passThroughArgs: string[],
): Command {
  const program = new Command("turbine")
    .description("Turbine: a build orchestrator that shares turbo 2.11.13's hashes and caches.")
    .version(io.version, "--version", "Print the version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showSuggestionAfterError()
    .option("--cwd <dir>", "The directory in which to run")
    .option("--token <token>", "Set the auth token for API calls")
    .option("--team <slug>", "Set the team slug for API calls")
    .option("--api <url>", "Override the endpoint for API calls")
    .option("--preflight", "Precede HTTP requests with an OPTIONS request for authorization")
    .option("--remote-cache-timeout <seconds>", "Set a timeout for all HTTP requests", integer)
    .option("-v, --verbose", "Print notices, e.g. why a task ran through the package manager")
    .option("--color", "Force color usage in the terminal")
    .option("--no-color", "Suppress color usage in the terminal")
    .option("--no-update-notifier", "Accepted for turbo compatibility (Turbine never checks)")
    .option("--skip-infer", "Accepted for turbo compatibility (Turbine never re-executes itself)")
    .option(
      "--dangerously-disable-package-manager-check",
      "Allow a missing `packageManager` in package.json",
    );

  program
    .command("run")
    .description(
      "Run tasks across the packages of the monorepo (args after `--` go to the named tasks)",
    )
    .argument("[tasks...]", "tasks to run")
    .option(
      "-F, --filter <selector>",
      "Select packages (turbo's --filter syntax); repeatable",
      collect,
      [],
    )
    .option("--affected", "Only packages changed between TURBO_SCM_BASE (default main) and HEAD")
    .option("--concurrency <n|n%>", "Limit concurrent tasks (default 10)")
    .addOption(
      choice("--continue [mode]", "Keep going after a failure", [
        "never",
        "dependencies-successful",
        "always",
      ]),
    )
    .option("--only", "Run only the named tasks, not their dependencies")
    .option("--parallel", "[DEPRECATED] Ignore the dependency graph and concurrency")
    .addOption(bool("--force [bool]", "Ignore cache reads; same as --cache=local:w,remote:w"))
    .option("--cache <spec>", "Cache sources and actions, e.g. local:rw,remote:r")
    .option("--no-cache", "[DEPRECATED] Do not write the cache; same as --cache=local:r,remote:r")
    .addOption(bool("--remote-only [bool]", "[DEPRECATED] Same as --cache=remote:rw"))
    .addOption(
      bool("--remote-cache-read-only [bool]", "[DEPRECATED] Same as --cache=local:rw,remote:r"),
    )
    .option("--cache-dir <dir>", "Local cache directory (default .turbo/cache)")
    .option("--cache-workers <n>", "Concurrent cache uploads (default 10)", integer)
    .addOption(choice("--dry [mode]", "List what would run without running it", ["text", "json"]))
    .addOption(choice("--dry-run [mode]", "Alias of --dry", ["text", "json"]).hideHelp())
    .option("--graph [file]", "Print the task graph as DOT, or write .dot/.mermaid/.html/.json")
    .addOption(bool("--summarize [bool]", "Write a run summary to .turbo/runs/<id>.json"))
    .option("--explain", "Print why each task misses the cache, against its last run")
    .addOption(
      choice("--output-logs <mode>", "Task output shown", [
        "full",
        "hash-only",
        "new-only",
        "errors-only",
        "none",
      ]),
    )
    .addOption(
      choice("--log-order <order>", "stream, grouped or auto (grouped in CI)", [
        "stream",
        "grouped",
        "auto",
      ]),
    )
    .addOption(choice("--log-prefix <prefix>", "auto, task or none", ["auto", "none", "task"]))
    .addOption(choice("--env-mode [mode]", "strict or loose environment", ["strict", "loose"]))
    .addOption(bool("--framework-inference [bool]", "Infer framework env vars (default true)"))
    .option("--global-deps <glob>", "Extra global file dependencies; repeatable", collect, [])
    .option("--single-package", "Treat the repository as one package")
    .addOption(
      choice("--execution <mode>", "Start scripts through the package manager or directly", [
        "package-manager",
        "direct",
      ]),
    )
    .action((tasks: string[], _opts: unknown, command: Command) => {
      done({ kind: "run", flags: toRunFlags(tasks, passThroughArgs, command.optsWithGlobals()) });
    });

  program
    .command("ls")
    .description("List the packages of the monorepo")
    .argument("[packages...]", "packages to show")
    .option("-F, --filter <selector>", "Select packages; repeatable", collect, [])
    .option("--affected", "Only changed packages")
    .addOption(choice("--output <format>", "pretty or json", ["pretty", "json"]).default("pretty"))
    .action((packages: string[], _opts: unknown, command: Command) => {
      done({ kind: "ls", flags: toLsFlags(packages, command.optsWithGlobals()) });
    });
  program
    .command("why")
    .description("Explain why a task would miss the cache, against its last run (exit 2 on a miss)")
    .argument("<task>", "the task, as <package>#<task>")
    .option("--against <dir>", "Compare with another record store (e.g. a CI run's)")
    .option("--single-package", "Treat the repository as one package")
    .action((task: string, _opts: unknown, command: Command) => {
      done({ kind: "why", flags: toWhyFlags(task, passThroughArgs, command.optsWithGlobals()) });
    });
  return program;
}

type Opts = Record<string, unknown>;

function toGlobal(o: Opts): GlobalFlags {
  return {
    cwd: str(o.cwd),
    token: str(o.token),
    team: str(o.team),
    api: str(o.api),
    preflight: o.preflight === true ? true : undefined,
    remoteCacheTimeout: typeof o.remoteCacheTimeout === "number" ? o.remoteCacheTimeout : undefined,
    color: typeof o.color === "boolean" ? o.color : undefined,
    verbose: o.verbose === true,
  };
}

function toRunFlags(tasks: string[], passThroughArgs: string[], o: Opts): RunFlags {
  const dry = str(o.dry) ?? str(o.dryRun);
  const graph = o.graph === true || o.graph === "" ? true : str(o.graph);
  return {
    tasks,
    passThroughArgs,
    filter: o.filter as string[],
    affected: o.affected === true,
    concurrency: str(o.concurrency),
    continue: o.continue === true ? "always" : str(o.continue),
    only: o.only === true,
    parallel: o.parallel === true,
    force: boolOpt(o.force),
    cache: typeof o.cache === "string" ? o.cache : undefined,
    noCache: o.cache === false,
    remoteOnly: boolOpt(o.remoteOnly),
    remoteCacheReadOnly: boolOpt(o.remoteCacheReadOnly),
    cacheDir: str(o.cacheDir),
    cacheWorkers: typeof o.cacheWorkers === "number" ? o.cacheWorkers : undefined,
    dry: dry === "json" ? "json" : dry === undefined ? undefined : "text",
    graph,
    summarize: boolOpt(o.summarize),
    explain: o.explain === true,
    outputLogs: str(o.outputLogs) as RunFlags["outputLogs"],
    logOrder: str(o.logOrder) as RunFlags["logOrder"],
    logPrefix: str(o.logPrefix) as RunFlags["logPrefix"],
    envMode: o.envMode === true ? "strict" : (str(o.envMode) as RunFlags["envMode"]),
    frameworkInference: boolOpt(o.frameworkInference),
    globalDeps: o.globalDeps as string[],
    singlePackage: o.singlePackage === true,
    execution: str(o.execution) as RunFlags["execution"],
    global: toGlobal(o),
  };
}

function toLsFlags(packages: string[], o: Opts): LsFlags {
  return {
    packages,
    filter: o.filter as string[],
    affected: o.affected === true,
    output: o.output === "json" ? "json" : "pretty",
    global: toGlobal(o),
  };
}

function toWhyFlags(task: string, passThroughArgs: string[], o: Opts): WhyFlags {
  return {
    task,
    against: str(o.against),
    passThroughArgs,
    singlePackage: o.singlePackage === true,
    global: toGlobal(o),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function boolOpt(value: unknown): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function choice(flags: string, description: string, choices: string[]): Option {
  return new Option(flags, description).choices(choices);
}

function bool(flags: string, description: string): Option {
  return new Option(flags, description).choices(["true", "false"]);
}
