// Hashing benchmark: Turbine's workspace load + hashRun against turbo 2.11.13's
// `run build --dry=json` on a generated 1,000-package repo (50 files a package).
//
//   node bench/hasher/run.mjs [--packages=1000] [--files=50] [--rounds=1]
//
// One warm-up run of each tool, then `rounds` measured runs each, alternating. Prints wall time,
// peak RSS (GNU time) and the Turbine/turbo ratio, and checks every task hash agrees.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { generateRepo } from "../lib/generate.mjs";
import { measure, median } from "../lib/measure.mjs";
import { turboTool } from "../lib/scenario.mjs";
import { benchOptions } from "../lib/options.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const options = benchOptions();
const packages = Number(options.packages ?? 1000);
const files = Number(options.files ?? 50);
const rounds = Number(options.rounds ?? 1);
const turboBin = turboTool.command;
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
};

const repo = realpathSync(mkdtempSync(path.join(tmpdir(), "turbine-bench-hasher-")));
try {
  process.stdout.write(`generating ${packages} packages x ${files} files in ${repo}\n`);
  generateRepo(repo, { packages, filesPerPackage: files });
  const turbo = () => measure(turboBin, ["run", "build", "--dry=json"], { cwd: repo, env });
  const turbine = () =>
    measure(process.execPath, [path.join(here, "turbine-dry.mjs"), repo], { cwd: repo, env });

  const warm = [turbo(), turbine()];
  for (const run of warm) if (run.status !== 0) throw new Error(run.stderr);
  const dry = JSON.parse(warm[0].stdout);
  const ours = JSON.parse(warm[1].stdout);
  const agree = dry.tasks.filter((t) => ours.tasks[t.taskId] === t.hash).length;

  const samples = { turbo: [], turbine: [] };
  for (let i = 0; i < rounds; i++) {
    samples.turbo.push(turbo());
    samples.turbine.push(turbine());
  }
  const row = (name, runs) => {
    const seconds = median(runs.map((r) => r.seconds));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    return { name, seconds, rss };
  };
  const a = row("turbo 2.11.13 --dry=json", samples.turbo);
  const b = row("Turbine workspace + config + task graph + hashTaskGraph", samples.turbine);
  process.stdout.write(
    [
      "",
      `| tool | wall (s) | peak RSS (MB) |`,
      `| --- | --- | --- |`,
      `| ${a.name} | ${a.seconds.toFixed(2)} | ${a.rss.toFixed(0)} |`,
      `| ${b.name} | ${b.seconds.toFixed(2)} | ${b.rss.toFixed(0)} |`,
      "",
      `wall ratio Turbine/turbo: ${(b.seconds / a.seconds).toFixed(2)}`,
      `task hashes equal: ${agree}/${dry.tasks.length}`,
      "",
    ].join("\n"),
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
