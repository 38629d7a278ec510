// What the side-by-side harness (run.mjs) and the build A/B (ab.mjs) share: the environment both
// tools run in, how a tool is invoked, and how the restore scenario deletes outputs.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { measure } from "./measure.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A minimal environment: no telemetry or update checks, Node 24 first on the PATH. */
export const benchEnv = {
  PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}`,
  HOME: process.env.HOME,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
};

/** turbo 2.11.11 (the pinned devDependency). */
export const turboTool = { command: path.join(root, "node_modules", ".bin", "turbo"), prefix: [] };

/** A Turbine entry script run by this Node. */
export function turbineTool(script) {
  return { command: process.execPath, prefix: [script] };
}

export function runTool(tool, cwd, args) {
  return measure(tool.command, [...tool.prefix, ...args], { cwd, env: benchEnv });
}

/** The restore scenario's preparation: every package's `dist` (its only output) removed. */
export function deleteOutputs(repo) {
  for (const name of readdirSync(path.join(repo, "packages"))) {
    rmSync(path.join(repo, "packages", name, "dist"), { recursive: true, force: true });
  }
}
