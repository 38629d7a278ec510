import { WorkspaceError } from "../errors.js";
import { type ConfigResult, fail, ok } from "./config-result.js";
import type { TurboConfig, TurboJsonFile } from "./turbo-json.js";

const ROOT = "//";

/**
 * The turbo.json files a package's task definitions merge from, first to last, in turbo 2.11.13's
 * order. turbo walks `extends` with a stack, so `["//", "x", "y"]` merges x, then the root, then y,
 * then the package itself (not the documented root-first order); this reproduces that walk.
 * A package without a turbo.json uses the root file alone.
 */
export function configChain(
  config: Pick<TurboConfig, "root" | "packages">,
  packageName: string,
): ConfigResult<readonly TurboJsonFile[]> {
  const load = (name: string): TurboJsonFile | undefined =>
    name === ROOT ? config.root : config.packages.get(name);
  const found: TurboJsonFile[] = [];
  const visited = new Set<string>();
  const stack: { name: string; requestedBy: TurboJsonFile | undefined; path: string[] }[] = [
    { name: packageName, requestedBy: undefined, path: [] },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { name, requestedBy, path } = item;
    const cycleStart = path.indexOf(name);
    if (cycleStart !== -1) {
      const cycle = [...path.slice(cycleStart), name].join(" -> ");
      return fail(
        new WorkspaceError(
          "ERR_CONFIG_EXTENDS_CYCLE",
          `${requestedBy?.path ?? "turbo.json"}: Cyclic "extends" detected: ${cycle}`,
          {
            file: requestedBy?.path,
            keyPath: "extends",
            hint: "Remove one of the `extends` entries that forms the cycle.",
          },
        ),
      );
    }
    if (visited.has(name)) continue;
    const file = load(name);
    if (file === undefined) {
      if (requestedBy !== undefined) {
        return fail(
          new WorkspaceError(
            "ERR_CONFIG_EXTENDS",
            `${requestedBy.path}: Cannot extend from '${name}' without a package 'turbo.json'.`,
            {
              file: requestedBy.path,
              keyPath: "extends",
              hint: `Add a turbo.json to package "${name}" or remove it from \`extends\`.`,
            },
          ),
        );
      }
      if (found.length === 0) stack.push({ name: ROOT, requestedBy: undefined, path });
      continue;
    }
    found.push(file);
    visited.add(name);
    const nextPath = [...path, name];
    if (file !== config.root) {
      for (const extended of file.extends)
        stack.push({ name: extended, requestedBy: file, path: nextPath });
    }
  }
  return ok(found.reverse());
}
