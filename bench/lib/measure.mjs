// Runs one command under GNU time and returns its wall time, CPU time (user + system of the whole
// tree that was waited for) and peak RSS (the largest process in that tree, as getrusage reports).
import { spawnSync } from "node:child_process";

export function measure(command, args, { cwd, env }) {
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M %U %S", command, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const match = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  if (!match) throw new Error(`could not measure ${command} ${args.join(" ")}:\n${result.stderr}`);
  return {
    seconds: Number(match[1]),
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
