// Artifact benchmark: Turbine's pack and restore against the CLI pair `tar` + `zstd -3`.
//
//   node bench/artifact/run.mjs [--rounds=3] [--small=10000] [--big-mb=500] [--only=small|big]
//                               [--dir=/dev/shm]
//
// Work files go to --dir (default /dev/shm when it exists, else the OS temp dir): on a tmpfs the
// figures measure the tools, not a disk shared with other processes.
// Workloads: (a) `small` files of 100-2,000 bytes in 100 directories, (b) one `big-mb` MB file of
// base64 text (compresses about 1.3:1, so the ratio limit is not what is measured). Each side runs
// as its own child process under GNU time, alternating, one warm-up then `rounds` measured runs
// (big: one run each); the table shows median wall time, the Turbine/CLI ratio and peak RSS.
// "in-process" is Turbine's library call alone (what a long-running Turbine pays per artifact);
// the wall time and ratio include Node's start-up (about 0.1 s), as a CLI user would see it.
// "CPU" is user + system time of the whole process tree (median): on a machine shared with other
// work it moves far less than wall time, so compare it too.
//   pack:    CLI `tar --no-recursion -cf - -T list | zstd -3`  vs  writeArtifactFile
//   restore: CLI `zstd -dc a.tar.zst | tar -xf -`              vs  restoreArtifact
// Both restores read the same (Turbine-packed) archive into a fresh empty directory.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  realpathSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { existsSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchOptions } from "../lib/options.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const options = benchOptions();
const rounds = Number(options.rounds ?? 3);
const smallCount = Number(options.small ?? 10000);
const bigMb = Number(options["big-mb"] ?? 500);
const baseDir = options.dir ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
const hasZstd = spawnSync("sh", ["-c", "command -v zstd"]).status === 0;
if (!hasZstd) {
  console.log(
    "zstd CLI not found: the CLI side is skipped (install it with `apt-get install -y zstd`).",
  );
}

function timed(command, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "__RSS__ %U %S %M", command, ...args], {
    cwd,
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const m = /__RSS__ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stderr}`);
  const inProcess = /__INPROCESS__ ([\d.]+)/.exec(r.stdout);
  return {
    seconds,
    cpu: Number(m[1]) + Number(m[2]),
    rssMb: Number(m[3]) / 1024,
    inProcess: inProcess ? Number(inProcess[1]) : undefined,
  };
}

const sides = {
  cliPack: (w) =>
    timed(
      "sh",
      ["-c", `tar --no-recursion -cf - -T "${w.list}" | zstd -3 -q -f -o "${w.work}/cli.tar.zst"`],
      w.anchor,
    ),
  turbinePack: (w) =>
    timed(
      process.execPath,
      [path.join(here, "turbine-side.mjs"), "pack", w.anchor, w.list, `${w.work}/turbine.tar.zst`],
      w.work,
    ),
  cliRestore: (w, dest) =>
    timed("sh", ["-c", `zstd -dc "${w.work}/turbine.tar.zst" | tar -xf - -C "${dest}"`], w.work),
  turbineRestore: (w, dest) =>
    timed(
      process.execPath,
      [path.join(here, "turbine-side.mjs"), "restore", `${w.work}/turbine.tar.zst`, dest],
      w.work,
    ),
};

function median(values) {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Alternates the two sides; `fresh()` gives each run an empty destination (restore only). */
function compare(w, cliSide, turbineSide, n, fresh) {
  const samples = { cli: [], turbine: [] };
  for (let round = 0; round <= n; round++) {
    const order = round % 2 === 0 ? ["turbine", "cli"] : ["cli", "turbine"];
    for (const side of order) {
      if (side === "cli" && !hasZstd) continue;
      const dest = fresh?.();
      const r = side === "cli" ? cliSide(w, dest) : turbineSide(w, dest);
      if (dest) rmSync(dest, { recursive: true, force: true });
      if (round > 0 || n === 0) samples[side].push(r);
    }
  }
  const stat = (list) =>
    list.length === 0
      ? undefined
      : {
          seconds: median(list.map((s) => s.seconds)),
          cpu: median(list.map((s) => s.cpu)),
          inProcess:
            list[0].inProcess === undefined ? undefined : median(list.map((s) => s.inProcess)),
          rssMb: Math.max(...list.map((s) => s.rssMb)),
        };
  return { cli: stat(samples.cli), turbine: stat(samples.turbine) };
}

function makeSmall(anchor) {
  const paths = [];
  for (let d = 0; d < 100; d++) {
    const dir = `out/d${String(d).padStart(3, "0")}`;
    mkdirSync(path.join(anchor, dir), { recursive: true });
    paths.push(dir);
  }
  paths.unshift("out");
  for (let i = 0; i < smallCount; i++) {
    const rel = `out/d${String(i % 100).padStart(3, "0")}/f${i}.js`;
    writeFileSync(path.join(anchor, rel), randomBytes(75 + (i % 1425)).toString("base64"));
    paths.push(rel);
  }
  return paths;
}

function makeBig(anchor) {
  mkdirSync(path.join(anchor, "out"));
  const fd = openSync(path.join(anchor, "out/big.bin"), "w");
  const chunk = 3 * 1024 * 1024;
  for (let done = 0; done < bigMb * 1e6; done += (chunk / 3) * 4)
    writeSync(fd, randomBytes(chunk).toString("base64"));
  closeSync(fd);
  return ["out", "out/big.bin"];
}

const rows = [];
for (const [name, make, n] of [
  [`${smallCount} small files`, makeSmall, rounds],
  [`one ${bigMb} MB file`, makeBig, 1],
]) {
  if (options.only && !name.includes(options.only === "big" ? "MB" : "small")) continue;
  const work = realpathSync(mkdtempSync(path.join(baseDir, "turbine-bench-artifact-")));
  try {
    const anchor = path.join(work, "src");
    mkdirSync(anchor);
    process.stderr.write(`${name}: generating\n`);
    const list = path.join(work, "list.txt");
    writeFileSync(list, `${make(anchor).join("\n")}\n`);
    const w = { work, anchor, list };
    process.stderr.write(`${name}: pack\n`);
    rows.push([name, "pack", compare(w, sides.cliPack, sides.turbinePack, n)]);
    process.stderr.write(`${name}: restore\n`);
    let k = 0;
    const fresh = () => {
      const dest = path.join(work, `dest-${k++}`);
      mkdirSync(dest);
      return dest;
    };
    rows.push([name, "restore", compare(w, sides.cliRestore, sides.turbineRestore, n, fresh)]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const f = (x, d = 2) => (x === undefined ? "n/a" : x.toFixed(d));
console.log(
  `\n${cpus().length} cores, Node ${process.version}, work dir ${baseDir}; median of ${rounds} runs after a warm-up ` +
    `(big file: 1 run); RSS = peak of the largest process of the measured tree.\n`,
);
console.log(
  "| workload | op | tar+zstd s | turbine s | ratio | turbine in-process s | in-process ratio | tar+zstd CPU s | turbine CPU s | tar+zstd RSS MB | turbine RSS MB |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, op, r] of rows) {
  const ratio = r.cli && r.turbine ? r.turbine.seconds / r.cli.seconds : undefined;
  const inRatio = r.cli && r.turbine?.inProcess ? r.turbine.inProcess / r.cli.seconds : undefined;
  console.log(
    `| ${name} | ${op} | ${f(r.cli?.seconds)} | ${f(r.turbine?.seconds)} | ${f(ratio)} | ` +
      `${f(r.turbine?.inProcess)} | ${f(inRatio)} | ${f(r.cli?.cpu)} | ${f(r.turbine?.cpu)} | ` +
      `${f(r.cli?.rssMb, 0)} | ${f(r.turbine?.rssMb, 0)} |`,
  );
}
