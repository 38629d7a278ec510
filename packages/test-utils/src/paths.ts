import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The Turbine repository root (the directory holding pnpm-workspace.yaml). */
export function turbineRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the Turbine repository root");
    dir = parent;
  }
  return dir;
}

/** A binary installed in the Turbine root's node_modules/.bin (turbo, pnpm, yarn, ...). */
export function binPath(name: string): string {
  return path.join(turbineRoot(), "node_modules", ".bin", name);
}
