import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

import {
  availableTasks,
  dryRun,
  graphFormatOf,
  parseContinueMode,
  planTaskGraph,
  renderTaskGraph,
  run,
  type RunEvent,
  type RunOptions,
  TURBINE_VERSION,
} from "@turbine/runner";

import type { RunFlags } from "./args/flags.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";
import { dryText } from "./render/dry-text.js";
import { LogRenderer } from "./render/log-renderer.js";
import { runFailedLine } from "./render/run-failed.js";
import { runFooter } from "./render/run-footer.js";
import { runHeader } from "./render/run-header.js";
import { StatusLine } from "./render/status-line.js";

const PRODUCT = `turbine ${TURBINE_VERSION}`;

/** `turbine run`: maps flags to runner options, renders events as turbo's log, returns the exit code. */
export async function runCommand(flags: RunFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  const options = runOptions(flags, io);
  if (flags.tasks.length === 0) {
    const tasks = await availableTasks({ cwd: options.cwd });
    out("No tasks provided, here are some potential ones");
    out("");
    for (const [script, packages] of tasks) out(`  ${script}\n    ${packages.join(", ")}`);
    return { exitCode: 1 };
  }
  if (flags.graph !== undefined) return graphCommand(flags.graph, options, io);
  if (flags.dry !== undefined) {
    const dry = await dryRun(options);
    if (flags.dry === "json") {
      // turbo ends the document with an empty line.
      io.stdout.write(`${JSON.stringify(dry.record, null, 2)}\n\n`);
    } else {
      const header = { product: PRODUCT, taskNames: flags.tasks, remoteCache: dry.banner };
      for (const line of runHeader({
        ...header,
        packagesInScope: dry.packages.map((p) => p.name),
        singlePackage: dry.singlePackage,
      }))
        out(line);
      for (const line of dryText(dry)) out(line);
    }
    for (const warning of dry.warnings) err(` WARNING  ${warning}`);
    return { exitCode: 0 };
  }

  const logOrder = resolveLogOrder(
    flags.logOrder ?? (io.env.TURBO_LOG_ORDER as RunFlags["logOrder"]),
    io.env,
  );
  const status =
    io.stdout.isTTY === true && logOrder === "stream"
      ? new StatusLine((t) => io.stdout.write(t))
      : undefined;
  const write = (line: string): void => {
    status?.clear();
    out(line);
  };
  const renderer = new LogRenderer({
    logOrder,
    logPrefix: flags.logPrefix === "none" ? "none" : "task",
    continueMode: options.continueMode ?? "never",
    out: write,
    err: (line) => {
      status?.clear();
      err(line);
    },
    ...(status === undefined
      ? {}
      : {
          afterWrite: () => {
            status.draw();
          },
        }),
  });
  const onEvent = (event: RunEvent): void => {
    status?.track(event);
    if (event.type === "run-start") {
      for (const line of runHeader({ product: PRODUCT, ...event })) write(line);
    }
    renderer.handle(event);
  };
  const outcome = await run({ ...options, onEvent });
  status?.clear();
  const { stats } = outcome;
  if (stats.attempted === 0) {
    write("");
    write(" WARNING  No tasks were executed as part of this run.");
  }
  for (const line of runFooter({
    ...stats,
    durationMs: outcome.durationMs,
    ...(outcome.summaryPath === undefined ? {} : { summaryPath: outcome.summaryPath }),
  })) {
    write(line);
  }
  if (renderer.warnings.length > 0) {
    err("");
    for (const warning of renderer.warnings) err(` WARNING  ${warning}`);
  }
  if (outcome.exitCode !== 0) err(runFailedLine(outcome));
  return { exitCode: outcome.exitCode };
}

async function graphCommand(
  graph: string | true,
  options: RunOptions,
  io: CliIo,
): Promise<CliResult> {
  const taskGraph = await planTaskGraph(options);
  if (graph === true) {
    io.stdout.write(renderTaskGraph(taskGraph, "dot"));
    return { exitCode: 0 };
  }
  const file = resolve(options.cwd, graph);
  const text = renderTaskGraph(taskGraph, graphFormatOf(file));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  io.stdout.write(`\n\u2713 Generated task graph in ${file}\n`);
  return { exitCode: 0 };
}

function runOptions(flags: RunFlags, io: CliIo): RunOptions {
  const { global } = flags;
  return {
    cwd: resolve(io.cwd, global.cwd ?? "."),
    tasks: flags.tasks,
    passThroughArgs: flags.passThroughArgs,
    filters: flags.filter,
    affected: flags.affected,
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    continueMode: parseContinueMode(flags.continue),
    only: flags.only,
    parallel: flags.parallel,
    cacheFlags: {
      ...(flags.cache === undefined ? {} : { cache: flags.cache }),
      ...(flags.force === undefined ? {} : { force: flags.force }),
      ...(flags.noCache ? { noCache: true } : {}),
      ...(flags.remoteOnly === undefined ? {} : { remoteOnly: flags.remoteOnly }),
      ...(flags.remoteCacheReadOnly === undefined
        ? {}
        : { remoteCacheReadOnly: flags.remoteCacheReadOnly }),
    },
    ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }),
    ...(flags.cacheWorkers === undefined ? {} : { cacheWorkers: flags.cacheWorkers }),
    remoteFlags: {
      ...(global.api === undefined ? {} : { api: global.api }),
      ...(global.token === undefined ? {} : { token: global.token }),
      ...(global.team === undefined ? {} : { team: global.team }),
      ...(global.preflight === undefined ? {} : { preflight: global.preflight }),
      ...(global.remoteCacheTimeout === undefined
        ? {}
        : { remoteCacheTimeout: global.remoteCacheTimeout }),
    },
    ...(flags.envMode === undefined ? {} : { envMode: flags.envMode }),
    ...(flags.frameworkInference === undefined
      ? {}
      : { frameworkInference: flags.frameworkInference }),
    globalDeps: flags.globalDeps,
    singlePackage: flags.singlePackage,
    ...(flags.outputLogs === undefined ? {} : { outputLogs: flags.outputLogs }),
    ...(flags.summarize === undefined ? {} : { summarize: flags.summarize }),
    env: io.env,
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    ...(io.drained === undefined ? {} : { outputDrained: io.drained }),
    commandLine: `turbine run ${flags.tasks.join(" ")}`,
  };
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
