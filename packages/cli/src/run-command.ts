import { resolve } from "node:path";

import {
  availableTasks,
  dryRun,
  findRepoRoot,
  run,
  type RunEvent,
  type RunOptions,
  TURBINE_VERSION,
} from "@turbine/runner";

import type { RunFlags } from "./args/flags.js";
import { graphCommand } from "./graph-command.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";
import { dryText } from "./render/dry-text.js";
import { evictionLine } from "./render/eviction-line.js";
import { LogRenderer } from "./render/log-renderer.js";
import { writePrettyJson } from "./render/pretty-json.js";
import { RunProfile } from "./render/profile.js";
import { runFailedLine } from "./render/run-failed.js";
import { runFooter } from "./render/run-footer.js";
import { writeRunHeader } from "./render/run-header.js";
import type { RunLog } from "./render/run-log.js";
import { StatusLine } from "./render/status-line.js";
import { runFlagWarnings } from "./run-flag-warnings.js";
import { openRunLog } from "./run-log-setup.js";
import { runOptions } from "./run-options.js";

const PRODUCT = `turbine ${TURBINE_VERSION}`;

/** `turbine run`: maps flags to runner options, renders events as turbo's log, returns the exit code. */
export async function runCommand(flags: RunFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  for (const warning of runFlagWarnings(flags, io.stdout.isTTY === true)) {
    err(` WARNING  ${warning}`);
  }
  const options = runOptions(flags, io);
  if (flags.tasks.length === 0) {
    const tasks = await availableTasks({ cwd: options.cwd });
    out("No tasks provided, here are some potential ones");
    out("");
    for (const [script, packages] of tasks) out(`  ${script}\n    ${packages.join(", ")}`);
    return { exitCode: 1 };
  }
  if (flags.graph !== undefined) return graphCommand(flags.graph, options, io);
  if (flags.dry !== undefined) return dryCommand(flags, options, io);
  return executeRun(flags, options, io);
}

async function dryCommand(flags: RunFlags, options: RunOptions, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  const dry = await dryRun(options);
  if (flags.dry === "json") {
    writePrettyJson(dry.record, (text) => io.stdout.write(text));
    // turbo ends the document with an empty line.
    io.stdout.write("\n\n");
  } else {
    writeRunHeader(
      {
        product: PRODUCT,
        taskNames: options.tasks,
        remoteCache: dry.banner,
        packagesInScope: dry.packages.map((p) => p.name),
        singlePackage: dry.singlePackage,
      },
      {
        info: out,
        warn: (text) => {
          err(` WARNING  ${text}`);
        },
      },
    );
    for (const line of dryText(dry, flags.explain)) out(line);
  }
  for (const warning of dry.warnings) err(` WARNING  ${warning}`);
  if (dry.eviction !== undefined && flags.global.verbosity > 0) err(evictionLine(dry.eviction));
  return { exitCode: 0 };
}

async function executeRun(flags: RunFlags, options: RunOptions, io: CliIo): Promise<CliResult> {
  const { err } = lineWriters(io);
  const logOrder = flags.json
    ? "stream"
    : resolveLogOrder(flags.logOrder ?? (io.env.TURBO_LOG_ORDER as RunFlags["logOrder"]), io.env);
  const status =
    io.stdout.isTTY === true && logOrder === "stream" && !flags.json
      ? new StatusLine((t) => io.stdout.write(t))
      : undefined;
  const runLog = openRunLog(flags, options.cwd, io, () => status?.clear());
  const { log } = runLog;
  const renderer = new LogRenderer({
    logOrder,
    logPrefix: flags.logPrefix === "none" ? "none" : "task",
    continueMode: options.continueMode ?? "never",
    log,
    explain: flags.explain,
    ...(status === undefined
      ? {}
      : {
          afterWrite: () => {
            status.draw();
          },
        }),
  });
  const profileFile = flags.profile ?? flags.anonProfile;
  const profile = profileFile === undefined ? undefined : new RunProfile(PRODUCT);
  let started = false;
  let eviction: string | undefined;
  const onEvent = (event: RunEvent): void => {
    if (event.type === "cache-eviction") {
      if (flags.global.verbosity > 0) eviction = evictionLine(event.report);
      return;
    }
    status?.track(event);
    profile?.handle(event);
    if (event.type === "notice") {
      // turbo's `-v` shows its debug notes; Turbine's are why direct execution fell back.
      if (flags.global.verbosity > 0) {
        status?.clear();
        err(` NOTICE  ${event.message}`);
      }
      return;
    }
    if (event.type === "run-start") {
      started = true;
      writeRunHeader({ product: PRODUCT, ...event }, log);
    } else if (event.type === "warning" && !started) {
      // Configuration warnings (deprecated flags, …) are printed at once, as turbo prints them.
      err(` WARNING  ${event.message}`);
      return;
    }
    renderShutdown(event, log);
    renderer.handle(event);
  };
  try {
    const outcome = await run({
      ...options,
      onEvent,
      ...(runLog.drained === undefined ? {} : { outputDrained: runLog.drained }),
    });
    status?.clear();
    renderer.flushErrors();
    const { stats } = outcome;
    if (stats.attempted === 0) {
      log.info("");
      log.info(" WARNING  No tasks were executed as part of this run.");
    }
    for (const line of runFooter({
      ...stats,
      durationMs: outcome.durationMs,
      ...(outcome.summaryPath === undefined ? {} : { summaryPath: outcome.summaryPath }),
    })) {
      log.info(line);
    }
    if (renderer.warnings.length > 0) {
      err("");
      for (const warning of renderer.warnings) err(` WARNING  ${warning}`);
    }
    if (profile !== undefined && profileFile !== undefined) {
      const root = findRepoRoot(options.cwd);
      profile.write(resolve(root, profileFile === true ? `profile.${Date.now()}` : profileFile));
    }
    // On stderr, outside the structured log, as turbo prints it.
    if (outcome.exitCode !== 0) err(runFailedLine(outcome));
    if (eviction !== undefined) err(eviction);
    return { exitCode: outcome.exitCode };
  } finally {
    runLog.close();
  }
}

/**
 * turbo 2.10+'s shutdown notices (Ctrl-C, SIGTERM), with Turbine's name where turbo prints
 * "Turborepo".
 */
function renderShutdown(event: RunEvent, log: RunLog): void {
  switch (event.type) {
    case "shutdown-start":
      log.info("Shutting down Turbine tasks...");
      return;
    case "shutdown-waiting":
      log.info(`${event.running} ${event.running === 1 ? "task" : "tasks"} shutting down...`);
      return;
    case "shutdown-forced": {
      const killed = `Force killed Turbine tasks: ${event.taskIds.join(", ")}`;
      log.info(event.reason === "timeout" ? `Graceful shutdown timed out. ${killed}` : killed);
      return;
    }
    default:
      return;
  }
}

/** `auto` means grouped in CI (CI set), stream otherwise, as turbo decides. */
function resolveLogOrder(
  order: RunFlags["logOrder"],
  env: Readonly<Record<string, string | undefined>>,
): "stream" | "grouped" {
  if (order === "stream" || order === "grouped") return order;
  const ci = env.CI;
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0" ? "grouped" : "stream";
}
