import { resolve } from "node:path";

import { TURBINE_VERSION } from "@turbine/errors";
import { configuredTasks } from "@turbine/runner";

import type { DoctorFlags } from "../args/flags.js";
import { parseArgv } from "../args/parse-argv.js";
import { type CliIo, type CliResult, lineWriters } from "../io.js";
import { compareDryRuns, type DryRunDocument } from "./compare-dry-runs.js";
import { findTurbo, runTurboBinary } from "./find-turbo.js";
import { renderDoctorReport } from "./render-report.js";

/**
 * `turbine doctor [tasks...]`: runs `turbo run <tasks> --dry=json` with the turbo installed in
 * the repo (or on PATH) and Turbine's own dry run of the same tasks, and prints per task whether
 * the hashes agree and, where not, which hash inputs differ. Without tasks it compares every task
 * the root turbo.json configures. Exit code 0 when every task agrees (or there is no turbo to
 * compare with), 1 otherwise.
 */
export async function doctorCommand(flags: DoctorFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  const cwd = resolve(io.cwd, flags.global.cwd ?? ".");
  const turbo = await findTurbo(cwd, io.env);
  if (turbo === undefined) {
    out(
      "turbine doctor: turbo is not installed in this repository (node_modules/.bin/turbo) or on PATH, so there is nothing to compare with.",
    );
    return { exitCode: 0 };
  }
  const version = (await runTurboBinary(turbo, ["--version"], cwd, io.env)).stdout.trim();
  const tasks = flags.tasks.length > 0 ? flags.tasks : await configuredTasks({ cwd });
  const args = ["run", ...tasks, "--dry=json", ...flags.filter.map((f) => `--filter=${f}`)];
  const theirs = await runTurboBinary(turbo, args, cwd, io.env);
  if (theirs.code !== 0) {
    err(`turbine doctor: \`turbo ${args.join(" ")}\` failed (exit code ${theirs.code}):`);
    err(theirs.stderr.trim());
    return { exitCode: 1 };
  }
  const ours = await turbineDryRun(args, { ...io, cwd });
  if (ours.exitCode !== 0) {
    err(`turbine doctor: \`turbine ${args.join(" ")}\` failed:`);
    err(ours.stderr.trim());
    return { exitCode: 1 };
  }
  const turboRun = jsonDocument(theirs.stdout);
  const turbineRun = jsonDocument(ours.stdout);
  const comparisons = compareDryRuns(turboRun, turbineRun);
  for (const line of renderDoctorReport({
    turbo,
    version,
    tasks,
    turboRun,
    turbineRun,
    comparisons,
  }))
    out(line);
  return { exitCode: comparisons.every((c) => c.status === "same") ? 0 : 1 };
}

/** Turbine's own `run ... --dry=json`, its output captured. */
async function turbineDryRun(
  args: readonly string[],
  io: CliIo,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const parsed = parseArgv(args, {
    out: (t) => (stderr += t),
    err: (t) => (stderr += t),
    version: TURBINE_VERSION,
  });
  if (parsed.kind !== "command" || parsed.name !== "run") return { exitCode: 1, stdout, stderr };
  const { exitCode } = await parsed.run({
    ...io,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { exitCode, stdout, stderr };
}

/** A dry-run document from a command's stdout (anything before the JSON is skipped). */
function jsonDocument(stdout: string): DryRunDocument {
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as DryRunDocument;
}
