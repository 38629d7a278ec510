// Runs one command under GNU time and returns its wall time, CPU time (user + system of the whole
// tree that was waited for) and peak RSS (the largest process in that tree, as getrusage reports).
// Wall time is this process's monotonic clock around the run, in milliseconds: GNU time's %e has
// centiseconds, which at 0.15-0.25 s quantises a ratio into steps of 5 %. (It includes starting
// /usr/bin/time itself, the same small constant for both tools.)
import { spawnSync } from "node:child_process";

/** `quiet`: stdout goes to /dev/null (for runs that print more than is worth keeping). */
export function measure(command, args, { cwd, env, quiet = false }) {
  const start = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M %U %S", command, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", quiet ? "ignore" : "pipe", "pipe"],
  });
  const wallNs = process.hrtime.bigint() - start;
  const match = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  if (!match) throw new Error(`could not measure ${command} ${args.join(" ")}:\n${result.stderr}`);
  return {
    seconds: Number(wallNs) / 1e9,
    rssMb: Number(match[2]) / 1024,
    cpuSeconds: Number(match[3]) + Number(match[4]),
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr.replace(/__TIME__.*\s*$/, ""),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The `q` quantile (0..1) of `values`, interpolated between the two nearest ranks. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/**
 * Round i of `base` ran right next to round i of `other` (same load, same file-system state), so
 * each round has a ratio of its own: their interquartile range, and in how many rounds `other`
 * was at least as fast, tell how far a median ratio can be trusted.
 */
export function roundRatios(base, other) {
  const ratios = other
    .map((s, i) => s.seconds / (base[i]?.seconds ?? Number.NaN))
    .filter((r) => Number.isFinite(r));
  return {
    p25: quantile(ratios, 0.25),
    p75: quantile(ratios, 0.75),
    atMostOne: ratios.filter((r) => r <= 1).length,
    rounds: ratios.length,
  };
}
