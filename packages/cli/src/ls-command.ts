import { resolve } from "node:path";

import { listPackages } from "@turbine/runner";

import type { LsFlags } from "./args/flags.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";

/** `turbine ls`: `3 packages (npm)` and `  a packages/a` lines, or turbo's JSON shape. */
export async function lsCommand(flags: LsFlags, io: CliIo): Promise<CliResult> {
  const { out } = lineWriters(io);
  const filters = [...flags.filter, ...flags.packages];
  const listing = await listPackages({
    cwd: resolve(io.cwd, flags.global.cwd ?? "."),
    filters,
    ...(flags.affected
      ? { affected: { from: io.env.TURBO_SCM_BASE ?? "main", to: io.env.TURBO_SCM_HEAD } }
      : {}),
  });
  const count = listing.packages.length;
  if (flags.output === "json") {
    const json = {
      packageManager: listing.packageManager,
      packages: { count, items: listing.packages.map((p) => ({ name: p.name, path: p.path })) },
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return { exitCode: 0 };
  }
  out(`${count} ${count === 1 ? "package" : "packages"} (${listing.packageManager})`);
  out("");
  for (const pkg of listing.packages) out(`  ${pkg.name} ${pkg.path}`);
  return { exitCode: 0 };
}
