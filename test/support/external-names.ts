import { readFile } from "node:fs/promises";
import path from "node:path";

import { turboQuery } from "@turbine/test-utils";
import { type Workspace } from "@turbine/workspace";
import { parseLockfile } from "@turbine/workspace/internal";

/** A workspace's external package names, as turbo query lists them and as Turbine's closures do. */
export interface ExternalNames {
  readonly turbo: string[];
  readonly turbine: string[];
}

/**
 * For each package in `names`: the external packages `turbo query` lists for it, and the human
 * names of Turbine's closures that turbo's listing covers. turbo lists a package under its holder
 * and under every workspace that (transitively) depends on the holder; every workspace depends on
 * the root "//". Both lists byte-sorted without repeats.
 */
export async function externalNames(
  root: string,
  workspace: Workspace,
  names: readonly string[],
): Promise<Map<string, ExternalNames>> {
  const lockfile = parseLockfile(
    workspace.packageManager.name,
    await readFile(path.join(root, workspace.packageManager.lockfileName), "utf8"),
    workspace.rootPackage.packageJson,
  );
  const data = await turboQuery<{
    externalDependencies: {
      items: { name: string; internalDependents: { items: { name: string }[] } }[];
    };
  }>(root, "{ externalDependencies { items { name internalDependents { items { name } } } } }");
  const out = new Map<string, ExternalNames>();
  for (const name of names) {
    const turbo = data.externalDependencies.items
      .filter((item) => item.internalDependents.items.some((d) => d.name === name))
      .map((item) => item.name);
    const holders = new Set([name, "//", ...workspace.graph.transitiveDependencies(name)]);
    const turbine = [...holders].flatMap((h) =>
      (workspace.externalClosure(h) ?? []).map((p) => lockfile.humanName(p) ?? p.key),
    );
    out.set(name, { turbo: [...new Set(turbo)].sort(), turbine: [...new Set(turbine)].sort() });
  }
  return out;
}
