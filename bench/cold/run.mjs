// Cold runs (`run build --force`, every task executes) side by side: turbo 2.11.13, Turbine
// through the package manager (turbo's way), and Turbine with `--execution=direct`, on
//   generated  the 200-package repo of bench/run.mjs (one trivial `node -e` build a package)
//   real       a real-shaped TypeScript repo: `tsc` libraries and `esbuild` apps on generated
//              sources, with TypeScript and esbuild installed from the registry by npm
//   deep       long chains of slow tasks beside many quick ones, at `--concurrency=3`, for the
//              scheduler; with the ideal (critical-path lower bound) of each run
//
//   node bench/cold/run.mjs [--rounds=1] [--packages=200] [--real-packages=40]
//                           [--only=generated,real,deep] [--workdir=<dir>]
//
// The three tools alternate round by round; medians of wall time and of CPU time. --workdir keeps
// the generated repos (and the real repo's npm install) for later runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";

import { generateRepo } from "../lib/generate.mjs";
import { generateDeepRepo } from "../lib/generate-deep.mjs";
import { generateRealRepo } from "../lib/generate-real.mjs";
import { median } from "../lib/measure.mjs";
import { alternate, currentTurbine, runTool, turboTool } from "../lib/scenario.mjs";
import { benchOptions } from "../lib/options.mjs";

const options = benchOptions();
const rounds = Number(options.rounds ?? 1);
const only = new Set((options.only ?? "generated,real,deep").split(","));
const workdir = options.workdir === undefined ? undefined : path.resolve(options.workdir);

const tools = new Map([
  ["turbo", turboTool],
  ["turbine", { ...currentTurbine, env: { TURBINE_EXECUTION: "package-manager" } }],
  ["direct", { ...currentTurbine, env: { TURBINE_EXECUTION: "direct" } }],
]);

/** A repo made by `generate(dir)`: in a temp dir, or kept (and reused) under --workdir. */
function prepare(name, generate) {
  const kept = workdir === undefined ? undefined : path.join(workdir, name);
  if (kept !== undefined && existsSync(path.join(kept, ".git"))) {
    process.stderr.write(`reusing ${kept} (delete it to regenerate)\n`);
    return realpathSync(kept);
  }
  if (kept !== undefined) {
    rmSync(kept, { recursive: true, force: true });
    mkdirSync(kept, { recursive: true });
  }
  const repo = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), `turbine-cold-${name}-`)));
  process.stderr.write(`generating ${name} in ${repo}\n`);
  generate(repo);
  return repo;
}

/** `duration` of each task's cache entry, as the last run wrote it. */
function durations(repo, tasks) {
  const found = new Map();
  for (const task of tasks) {
    try {
      const meta = JSON.parse(
        readFileSync(path.join(repo, ".turbo/cache", `${task.hash}-meta.json`), "utf8"),
      );
      found.set(task.taskId, meta.duration / 1000);
    } catch {
      // not cached
    }
  }
  return found;
}

/** max(longest dependency chain, total work / slots): no schedule on `slots` can do better. */
function lowerBound(tasks, seconds, slots) {
  const memo = new Map();
  const longest = (id) => {
    if (memo.has(id)) return memo.get(id);
    const task = tasks.find((t) => t.taskId === id);
    const deps = (task?.dependencies ?? []).filter((d) => tasks.some((t) => t.taskId === d));
    const value = (seconds.get(id) ?? 0) + Math.max(0, ...deps.map(longest));
    memo.set(id, value);
    return value;
  };
  const path = Math.max(...tasks.map((t) => longest(t.taskId)));
  const work = [...seconds.values()].reduce((a, b) => a + b, 0);
  return Math.max(path, work / slots);
}

function measureRepo(name, repo, args, { slots } = {}) {
  const load = loadavg()[0];
  const notes = new Set();
  const dry = JSON.parse(runTool(turboTool, repo, ["run", "build", "--dry=json"]).stdout).tasks;
  const bounds = new Map([...tools.keys()].map((tool) => [tool, []]));
  const samples = alternate(tools, repo, args, rounds, {
    onResult: (tool, result) => {
      if (result.status !== 0) {
        notes.add(
          `${tool} exited ${result.status}: ${result.stderr.trim().split("\n").slice(-2).join(" / ")}`,
        );
      }
      if (slots !== undefined) bounds.get(tool).push(lowerBound(dry, durations(repo, dry), slots));
    },
  });
  const stat = (tool) => ({
    seconds: median(samples.get(tool).map((s) => s.seconds)),
    cpu: median(samples.get(tool).map((s) => s.cpuSeconds)),
    bound: slots === undefined ? undefined : median(bounds.get(tool)),
  });
  return {
    name,
    tasks: dry.filter((t) => t.command !== "<NONEXISTENT>").length,
    load,
    notes: [...notes],
    stats: Object.fromEntries([...tools.keys()].map((t) => [t, stat(t)])),
  };
}

const results = [];
// Two chains of eight 2 s tasks beside twelve 0.3 s ones on three slots: the chains are the
// critical path (each 16 s of scripts plus eight start-ups), the rest of the work fits beside
// them, so a schedule that delays a chain's first link delays the whole run.
const DEEP = { chains: 2, length: 8, quick: 12, slowMs: 2000, quickMs: 300 };
const DEEP_SLOTS = 3;
try {
  if (only.has("generated")) {
    const packages = Number(options.packages ?? 200);
    const repo = prepare(`generated-${packages}`, (dir) => generateRepo(dir, { packages }));
    results.push(measureRepo(`generated, ${packages} packages`, repo, ["run", "build", "--force"]));
    if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
  }
  if (only.has("real")) {
    const packages = Number(options["real-packages"] ?? 40);
    const repo = prepare(`real-${packages}`, (dir) => generateRealRepo(dir, { packages }));
    results.push(
      measureRepo(`real-shaped (tsc + esbuild), ${packages} packages`, repo, [
        "run",
        "build",
        "--force",
      ]),
    );
    if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
  }
  if (only.has("deep")) {
    const repo = prepare("deep", (dir) => generateDeepRepo(dir, DEEP));
    const result = measureRepo(
      `deep graph, --concurrency=${DEEP_SLOTS}`,
      repo,
      ["run", "build", "--force", `--concurrency=${DEEP_SLOTS}`],
      { slots: DEEP_SLOTS },
    );
    const work = DEEP.chains * DEEP.length * DEEP.slowMs + DEEP.quick * DEEP.quickMs;
    result.scriptBound = Math.max(DEEP.length * DEEP.slowMs, work / DEEP_SLOTS) / 1000;
    results.push(result);
    if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
  }
} finally {
  // nothing to stop: every run is synchronous
}

const fmt = (n, digits = 2) => (n === undefined ? "" : n.toFixed(digits));
console.log(`\n## Cold runs: turbo 2.11.13, Turbine through the package manager, Turbine direct\n`);
console.log(
  `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}; medians of ${rounds} round(s); CPU is user + system of the whole tree; ` +
    `load is the 1-minute load average when the repo's runs started.\n`,
);
console.log(
  "| repo | tasks | turbo s | turbine s | turbine direct s | turbine / turbo | direct / turbo | turbo CPU s | turbine CPU s | direct CPU s | load | notes |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of results) {
  const { turbo, turbine, direct } = r.stats;
  console.log(
    `| ${r.name} | ${r.tasks} | ${fmt(turbo.seconds, 3)} | ${fmt(turbine.seconds, 3)} | ${fmt(direct.seconds, 3)} | ` +
      `${fmt(turbine.seconds / turbo.seconds)} | ${fmt(direct.seconds / turbo.seconds)} | ${fmt(turbo.cpu)} | ` +
      `${fmt(turbine.cpu)} | ${fmt(direct.cpu)} | ${fmt(r.load, 1)} | ${r.notes.join("; ")} |`,
  );
}
const deep = results.find((r) => r.scriptBound !== undefined);
if (deep !== undefined) {
  const { turbo, turbine, direct } = deep.stats;
  console.log(
    `\nDeep graph: the ideal schedule of the scripts alone takes ${fmt(deep.scriptBound)} s; `,
  );
  console.log(
    "each run's own ideal (critical-path lower bound from the task durations it recorded, " +
      "max(longest chain, total work / slots)) and how far the run was from it:\n",
  );
  console.log("| tool | wall s | ideal s | wall / ideal |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, s] of [
    ["turbo", turbo],
    ["turbine", turbine],
    ["turbine direct", direct],
  ]) {
    console.log(
      `| ${name} | ${fmt(s.seconds, 3)} | ${fmt(s.bound, 3)} | ${fmt(s.seconds / s.bound)} |`,
    );
  }
}
