// What the side-by-side harness (run.mjs) and the build A/B (ab.mjs) share: the environment both
// tools run in, how a tool is invoked, and how the restore scenario deletes outputs.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { measure } from "./measure.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// Turbine runs under the bench's own Node (process.execPath): one older than Turbine needs would
// measure its refusal to start. `pnpm bench` puts Node 24 first on the PATH.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 15)) {
  process.stderr.write(
    `bench: Node.js ${process.versions.node} is older than Turbine needs (22.15); run it through pnpm (pnpm bench, pnpm exec node bench/...)\n`,
  );
  process.exit(1);
}

/** A minimal environment: no telemetry or update checks, Node 24 first on the PATH. */
export const benchEnv = {
  PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}`,
  HOME: process.env.HOME,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
};

/** turbo 2.11.13 (the pinned devDependency). */
export const turboTool = { command: path.join(root, "node_modules", ".bin", "turbo"), prefix: [] };

/** A Turbine entry script run by this Node, with `env` added to the bench environment. */
export function turbineTool(script, env = {}) {
  return { command: process.execPath, prefix: [script], env };
}

/** The working build: `packages/cli/bin/turbine.js`, as `pnpm build` left it. */
export const currentTurbine = turbineTool(path.join(root, "packages", "cli", "bin", "turbine.js"));

/** The working build with its task records off (`TURBINE_TASK_RECORDS=0`). */
export const currentTurbineNoRecords = turbineTool(currentTurbine.prefix[0], {
  TURBINE_TASK_RECORDS: "0",
});

/**
 * Runs a tool in `env` (default benchEnv; the real-shaped repos add their package manager shims);
 * `tool.env` adds to it (e.g. TURBINE_EXECUTION), `quiet` sends stdout to /dev/null.
 */
export function runTool(tool, cwd, args, { env = benchEnv, quiet = false } = {}) {
  return measure(tool.command, [...tool.prefix, ...args], {
    cwd,
    env: { ...env, ...tool.env },
    quiet,
  });
}

/**
 * The restore scenario's preparation: the `dist` directory (the build output) of every workspace
 * two levels down (`packages/<name>`, `apps/<name>`, ...) removed.
 */
export function deleteOutputs(repo) {
  for (const group of readdirSync(repo, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name.startsWith(".") || group.name === "node_modules") {
      continue;
    }
    for (const entry of readdirSync(path.join(repo, group.name), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      rmSync(path.join(repo, group.name, entry.name, "dist"), { recursive: true, force: true });
    }
  }
}

/** The version the pinned turbo reports, e.g. "2.11.13". */
export function turboVersion() {
  const result = runTool(turboTool, root, ["--version"]);
  return result.stdout.trim().split("\n").at(-1) ?? "unknown";
}

/**
 * Runs `tools` (a Map of name to tool) on `repo` alternately, in order on even rounds and in
 * reverse on odd ones: a warm-up round, then `rounds` measured ones (with `rounds` 1 the warm-up
 * is measured too: a cold run is too slow to throw away). `before` runs before every run and
 * `onResult(name, result)` sees every run; `env` is the tools' environment (default benchEnv),
 * `quiet` sends stdout to /dev/null. Returns the measured results by name, in round order.
 */
export function alternate(
  tools,
  repo,
  args,
  rounds,
  { before, onResult, env, quiet = false } = {},
) {
  const names = [...tools.keys()];
  const samples = new Map(names.map((name) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      before?.();
      const result = runTool(tools.get(name), repo, args, { env, quiet });
      onResult?.(name, result);
      if (round > 0 || rounds === 1) samples.get(name).push(result);
    }
  }
  return samples;
}
