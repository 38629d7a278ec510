import { type Command, Option } from "commander";

import type { RunFlags } from "./flags.js";
import { toGlobalFlags } from "./global-options.js";
import {
  bool,
  boolOpt,
  choice,
  collect,
  integer,
  optionalValue,
  type Opts,
  str,
} from "./option-helpers.js";

/**
 * Adds every `turbo run` option to `command`, in turbo's `run --help` order, with Turbine's own
 * (`--explain`, `--execution`) beside the ones they belong with.
 */
export function addRunOptions(command: Command): Command {
  return command
    .option("--cache <spec>", "Cache sources and actions, e.g. local:rw,remote:r")
    .addOption(bool("--force [bool]", "Ignore cache reads; same as --cache=local:w,remote:w"))
    .addOption(bool("--remote-only [bool]", "[DEPRECATED] Same as --cache=remote:rw"))
    .addOption(
      bool("--remote-cache-read-only [bool]", "[DEPRECATED] Same as --cache=local:rw,remote:r"),
    )
    .option("--no-cache", "[DEPRECATED] Do not write the cache; same as --cache=local:r,remote:r")
    .option("--cache-workers <n>", "Concurrent cache uploads (default 10)", integer)
    .addOption(
      choice("--dry-run [mode]", "List what would run without running it", ["text", "json"]),
    )
    .addOption(choice("--dry [mode]", "Alias of --dry-run", ["text", "json"]))
    .option(
      "--graph [file]",
      "Print the task graph as DOT, or write .svg/.html/.mermaid/.dot (.png/.jpg/.pdf/.json deprecated)",
    )
    .option("--daemon", "[DEPRECATED] Accepted with turbo's warning; no daemon is used")
    .option("--no-daemon", "[DEPRECATED] Accepted with turbo's warning; no daemon is used")
    .option("--profile [file]", "Write a Chrome trace of the run (default profile.<epoch-ms>)")
    .option(
      "--anon-profile [file]",
      "Same as --profile (Turbine's trace holds no identifying data)",
    )
    .addOption(bool("--summarize [bool]", "Write a run summary to .turbo/runs/<id>.json"))
    .option("--explain", "Print why each task misses the cache, against its last run")
    .option("--parallel", "[DEPRECATED] Ignore the dependency graph and concurrency")
    .option("--cache-dir <dir>", "Local cache directory (default .turbo/cache)")
    .option("--concurrency <n|n%>", "Limit concurrent tasks (default 10)")
    .addOption(
      choice("--continue [mode]", "Keep going after a failure", [
        "never",
        "dependencies-successful",
        "always",
      ]),
    )
    .option("--single-package", "Treat the repository as one package")
    .addOption(
      choice("--execution <mode>", "Start scripts through the package manager or directly", [
        "package-manager",
        "direct",
      ]),
    )
    .addOption(bool("--framework-inference [bool]", "Infer framework env vars (default true)"))
    .option("--global-deps <glob>", "Extra global file dependencies; repeatable", collect, [])
    .addOption(choice("--env-mode [mode]", "strict or loose environment", ["strict", "loose"]))
    .option(
      "-F, --filter <selector>",
      "Select packages (turbo's --filter syntax); repeatable",
      collect,
      [],
    )
    .option("--affected", "Only packages changed between TURBO_SCM_BASE (default main) and HEAD")
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
    .option("--json", "Print turbo's NDJSON log records on stdout instead of the text log")
    .addOption(
      new Option("--log-file [path]", "Also write the log records as a JSON array to a file"),
    )
    .option("--only", "Run only the named tasks, not their dependencies")
    .addOption(choice("--log-prefix <prefix>", "auto, task or none", ["auto", "none", "task"]));
}

/** `RunFlags` out of commander's merged options. */
export function toRunFlags(tasks: string[], passThroughArgs: string[], o: Opts): RunFlags {
  const dry = str(o.dryRun) ?? str(o.dry);
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
    graph: optionalValue(o.graph),
    summarize: boolOpt(o.summarize),
    explain: o.explain === true,
    outputLogs: str(o.outputLogs) as RunFlags["outputLogs"],
    logOrder: str(o.logOrder) as RunFlags["logOrder"],
    logPrefix: str(o.logPrefix) as RunFlags["logPrefix"],
    envMode: o.envMode === true ? "strict" : (str(o.envMode) as RunFlags["envMode"]),
    frameworkInference: boolOpt(o.frameworkInference),
    globalDeps: o.globalDeps as string[],
    singlePackage: o.singlePackage === true,
    json: o.json === true,
    logFile: optionalValue(o.logFile),
    daemon: typeof o.daemon === "boolean" ? o.daemon : undefined,
    profile: optionalValue(o.profile),
    anonProfile: optionalValue(o.anonProfile),
    execution: str(o.execution) as RunFlags["execution"],
    global: toGlobalFlags(o),
  };
}
