import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The repository root for a run started in `cwd`: the nearest directory upwards that holds a
 * turbo.json or turbo.jsonc, else the nearest with a package.json, else `cwd` itself.
 */
export function findRepoRoot(cwd: string): string {
  const start = resolve(cwd);
  let packageRoot: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "turbo.json")) || existsSync(join(dir, "turbo.jsonc"))) return dir;
    if (packageRoot === undefined && existsSync(join(dir, "package.json"))) packageRoot = dir;
    if (dirname(dir) === dir) return packageRoot ?? start;
  }
}
