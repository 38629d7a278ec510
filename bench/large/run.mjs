// Large inputs, side by side with turbo 2.11.13: peak RSS and wall time of cached runs whose
// entries are big. Memory must not grow with a log's or an artifact's size.
//
//   node bench/large/run.mjs [--log-mb=1024] [--output-mib=1024] [--sidecar-mb=200] [--rounds=3]
//                            [--workdir=<dir>] [--only=log,restore,meta,manifest]
//
// One npm repo with two packages, filled by one cold turbo run:
//   log       `build` prints --log-mb of log lines (varied text, ~100 bytes a line)
//   big       `build` writes dist/big.bin: --output-mib of random (incompressible) bytes
// Scenarios (each tool alternately, a warm-up then --rounds measured runs, stdout to /dev/null):
//   log       `run build --filter=log`: a hit whose log is replayed in full
//   restore   `run build --filter=big` after deleting dist: the 1 GiB output restored
//   meta      `run build --filter=log --output-logs=none` with the entry's -meta.json padded to
//             --sidecar-mb (valid JSON: the same object followed by whitespace)
//   manifest  `run build --filter=big` with the entry's -manifest.json padded likewise
// The table has medians of wall time, the peak RSS over the rounds (GNU time), and the goals of
// the reliability work: RSS at most turbo's + 50 MB, the 1 GiB restore at most 1.5x turbo's time.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";

import { fileWriter, LOCK_ONLY, lockAndCommit } from "../lib/generate.mjs";
import { median, roundRatios } from "../lib/measure.mjs";
import { alternate, currentTurbine, runTool, turboTool } from "../lib/scenario.mjs";
import { benchOptions } from "../lib/options.mjs";

const options = benchOptions();
const logMb = Number(options["log-mb"] ?? 1024);
const outputMib = Number(options["output-mib"] ?? 1024);
const sidecarMb = Number(options["sidecar-mb"] ?? 200);
const rounds = Number(options.rounds ?? 3);
const only = new Set((options.only ?? "log,restore,meta,manifest").split(","));
const workdir = options.workdir === undefined ? undefined : path.resolve(options.workdir);

const LOG_SCRIPT = `
const lines = Math.ceil(${logMb} * 1e6 / 100);
const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(2);
(async () => {
  let out = "";
  for (let i = 0; i < lines; i++) {
    out += "line " + String(i).padStart(9, "0") + " of the task log " + alphabet.slice(i % 36, i % 36 + 50) + " ok\\n";
    if (out.length > 1 << 20) {
      if (!process.stdout.write(out)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      out = "";
    }
  }
  process.stdout.write(out);
})();
`;
const BIG_SCRIPT = `
const fs = require("fs"), crypto = require("crypto");
fs.mkdirSync("dist", { recursive: true });
const fd = fs.openSync("dist/big.bin", "w");
const chunk = Buffer.alloc(1 << 20);
for (let i = 0; i < ${outputMib}; i++) { crypto.randomFillSync(chunk); fs.writeSync(fd, chunk); }
fs.closeSync(fd);
`;

function generate(root) {
  const write = fileWriter(root);
  write(
    "package.json",
    JSON.stringify({
      name: "large",
      private: true,
      packageManager: "npm@10.9.2",
      workspaces: ["packages/*"],
    }),
  );
  write(".gitignore", "node_modules/\n.turbo/\ndist/\n");
  write("turbo.json", JSON.stringify({ tasks: { build: { outputs: ["dist/**"] } } }));
  write(
    "packages/log/package.json",
    JSON.stringify({ name: "log", scripts: { build: "node log.js" } }),
  );
  write("packages/log/log.js", LOG_SCRIPT);
  write(
    "packages/big/package.json",
    JSON.stringify({ name: "big", scripts: { build: "node big.js" } }),
  );
  write("packages/big/big.js", BIG_SCRIPT);
  lockAndCommit(root, LOCK_ONLY, "large");
}

function prepare() {
  const kept =
    workdir === undefined ? undefined : path.join(workdir, `large-${logMb}-${outputMib}`);
  if (kept !== undefined && existsSync(path.join(kept, ".turbo", "cache"))) {
    process.stderr.write(`reusing ${kept} (delete it to regenerate)\n`);
    return realpathSync(kept);
  }
  if (kept !== undefined) mkdirSync(kept, { recursive: true });
  const repo = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), "turbine-bench-large-")));
  process.stderr.write(
    `generating ${repo}; one cold turbo run writes ${logMb} MB of log and ${outputMib} MiB of output\n`,
  );
  generate(repo);
  const fill = runTool(turboTool, repo, ["run", "build", "--output-logs=none"], { quiet: true });
  if (fill.status !== 0) throw new Error(`turbo's cold run failed:\n${fill.stderr}`);
  return repo;
}

/** The cache entry files of the package's `build`. */
function entryOf(repo, pkg) {
  const cache = path.join(repo, ".turbo", "cache");
  const dry = JSON.parse(
    execFileSync(turboTool.command, ["run", "build", `--filter=${pkg}`, "--dry=json"], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    }),
  );
  const hash = dry.tasks[0].hash;
  return {
    hash,
    meta: path.join(cache, `${hash}-meta.json`),
    manifest: path.join(cache, `${hash}-manifest.json`),
  };
}

/** Pads a JSON sidecar with whitespace to `mb` MB (still valid JSON, same value). */
function pad(file, original, mb) {
  const text = original.trimEnd();
  writeFileSync(file, text + " ".repeat(Math.max(0, mb * 1e6 - text.length)) + "\n");
}

const tools = new Map([
  ["turbo", turboTool],
  ["turbine", currentTurbine],
]);

/**
 * Measures `args` on both tools (stdout to /dev/null). Before that, one run of each with
 * `--output-logs=hash-only` (after `before`) must be a cache hit, so the rounds measure hits.
 */
function scenario(repo, args, before) {
  const load = loadavg()[0];
  const notes = new Set();
  for (const [name, tool] of tools) {
    before?.();
    const probe = runTool(tool, repo, [...args, "--output-logs=hash-only"]);
    if (!probe.stdout.includes("cache hit")) notes.add(`${name}: not a cache hit`);
  }
  const measured = alternate(tools, repo, args, rounds, {
    before,
    quiet: true,
    onResult: (tool, result) => {
      if (result.status !== 0) notes.add(`${tool}: exited ${result.status}`);
    },
  });
  const stat = (name) => ({
    seconds: median(measured.get(name).map((s) => s.seconds)),
    rssMb: Math.max(...measured.get(name).map((s) => s.rssMb)),
  });
  return {
    turbo: stat("turbo"),
    turbine: stat("turbine"),
    ratios: roundRatios(measured.get("turbo"), measured.get("turbine")),
    notes: [...notes],
    load,
  };
}

const repo = prepare();
const rows = [];
try {
  const big = entryOf(repo, "big");
  const logEntry = entryOf(repo, "log");
  if (only.has("log")) {
    process.stderr.write("measuring: log replay\n");
    rows.push([
      `${logMb} MB log replayed`,
      scenario(repo, ["run", "build", "--filter=log"]),
      "rss",
    ]);
  }
  if (only.has("restore")) {
    process.stderr.write("measuring: restore\n");
    const before = () =>
      rmSync(path.join(repo, "packages", "big", "dist"), { recursive: true, force: true });
    rows.push([
      `${outputMib} MiB output restored`,
      scenario(repo, ["run", "build", "--filter=big"], before),
      "time",
    ]);
  }
  if (only.has("meta")) {
    process.stderr.write("measuring: padded -meta.json\n");
    const original = readFileSync(logEntry.meta, "utf8");
    pad(logEntry.meta, original, sidecarMb);
    try {
      rows.push([
        `${sidecarMb} MB -meta.json`,
        scenario(repo, ["run", "build", "--filter=log", "--output-logs=none"]),
        "rss",
      ]);
    } finally {
      writeFileSync(logEntry.meta, original);
    }
  }
  if (only.has("manifest") && existsSync(big.manifest)) {
    process.stderr.write("measuring: padded -manifest.json\n");
    const original = readFileSync(big.manifest, "utf8");
    const before = () => pad(big.manifest, original, sidecarMb);
    try {
      rows.push([
        `${sidecarMb} MB -manifest.json`,
        scenario(repo, ["run", "build", "--filter=big"], before),
        "rss",
      ]);
    } finally {
      writeFileSync(big.manifest, original);
    }
  }
} finally {
  if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
}

const fmt = (n, d = 2) => n.toFixed(d);
console.log(`\n## Large inputs: Turbine vs turbo 2.11.13\n`);
console.log(
  `${cpus().length} cores, Node ${process.version}; medians of ${rounds} rounds after a warm-up, stdout to /dev/null; ` +
    `RSS is the peak over the rounds (GNU time). Goals: RSS <= turbo's + 50 MB; the output restore <= 1.5x turbo's time.\n`,
);
console.log(
  "| scenario | turbo s | turbine s | ratio | p25-p75 | turbo RSS MB | turbine RSS MB | RSS goal | time goal | load | notes |",
);
console.log("| --- | ---: | ---: | ---: | :---: | ---: | ---: | :---: | :---: | ---: | --- |");
for (const [name, r, kind] of rows) {
  const ratio = r.turbine.seconds / r.turbo.seconds;
  const rssOk = r.turbine.rssMb <= r.turbo.rssMb + 50 ? "met" : "missed";
  const timeOk = kind === "time" ? (ratio <= 1.5 ? "met" : "missed") : "-";
  console.log(
    `| ${name} | ${fmt(r.turbo.seconds, 3)} | ${fmt(r.turbine.seconds, 3)} | ${fmt(ratio)} | ` +
      `${fmt(r.ratios.p25)}-${fmt(r.ratios.p75)} | ${fmt(r.turbo.rssMb, 0)} | ${fmt(r.turbine.rssMb, 0)} | ` +
      `${rssOk} | ${timeOk} | ${fmt(r.load, 1)} | ${r.notes.join("; ")} |`,
  );
}
