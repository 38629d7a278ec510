// Runs one command under GNU time and returns its wall time, CPU time (user + system of the whole
// tree that was waited for) and peak RSS (the largest process in that tree, as getrusage reports).
// Wall time is this process's monotonic clock around the run, in milliseconds: GNU time's %e has
// centiseconds, which at 0.15-0.25 s quantises a ratio into steps of 5 %. (It includes starting
// /usr/bin/time itself, the same small constant for both tools.)
import { spawnSync } from "node:child_process";

export function measure(command, args, { cwd, env }) {
  const start = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M %U %S", command, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const wallNs = process.hrtime.bigint() - start;
  const match = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  if (!match) throw new Error(`could not measure ${command} ${args.join(" ")}:\n${result.stderr}`);
  return {
    seconds: Number(wallNs) / 1e9,
    rssMb: Number(match[2]) / 1024,
    cpuSeconds: Number(match[3]) + Number(match[4]),
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/__TIME__.*\s*$/, ""),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
