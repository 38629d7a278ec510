import { resolve } from "node:path";

import { TURBINE_VERSION } from "@turbine/errors";
import { describePackages, listPackages, type PackageDetail } from "@turbine/runner";

import type { LsFlags } from "./args/flags.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";

/**
 * `turbine ls`: turbo's list (`3 packages (pnpm9)` and `  a packages/a` lines, or its JSON), or
 * with package names, turbo's detail view of each (path, dependencies, tasks).
 */
export async function lsCommand(flags: LsFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  err(`\u2022 turbine ${TURBINE_VERSION}`);
  const cwd = resolve(io.cwd, flags.global.cwd ?? ".");
  const check = flags.global.dangerouslyDisablePackageManagerCheck;
  if (flags.packages.length > 0) {
    const details = await describePackages({
      cwd,
      names: flags.packages,
      dangerouslyDisablePackageManagerCheck: check,
    });
    if (flags.output === "json") writeJson(io, { packages: details.map(detailJson) });
    else for (const detail of details) for (const line of detailLines(detail)) out(line);
    return { exitCode: 0 };
  }
  const listing = await listPackages({
    cwd,
    inferPackage: flags.global.cwd === undefined,
    filters: flags.filter,
    dangerouslyDisablePackageManagerCheck: check,
    ...(flags.affected
      ? { affected: { from: io.env.TURBO_SCM_BASE ?? "main", to: io.env.TURBO_SCM_HEAD } }
      : {}),
  });
  const count = listing.packages.length;
  if (flags.output === "json") {
    writeJson(io, {
      packageManager: listing.packageManager,
      packages: { count, items: listing.packages.map((p) => ({ name: p.name, path: p.path })) },
    });
    return { exitCode: 0 };
  }
  const noun = count === 0 ? "no packages" : count === 1 ? "package" : "packages";
  out(`${count} ${noun} (${listing.packageManager})`);
  out("");
  for (const pkg of listing.packages) out(`  ${pkg.name} ${pkg.path}`);
  return { exitCode: 0 };
}

/** turbo's text for one package: path, `depends on:`, then its tasks; ends with a blank line. */
function detailLines(detail: PackageDetail): string[] {
  const dependsOn =
    detail.dependencies.length === 0 ? "<no packages>" : detail.dependencies.join(", ");
  return [
    `${detail.path} `,
    `${detail.name} depends on: ${dependsOn}`,
    "",
    "tasks:",
    ...detail.tasks.map((task) => `  ${task.name}: ${task.command}`),
    "",
  ];
}

function detailJson(detail: PackageDetail): unknown {
  return {
    name: detail.name,
    path: detail.path,
    tasks: { count: detail.tasks.length, items: detail.tasks },
    dependencies: detail.dependencies,
    dependents: detail.dependents,
  };
}

function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
