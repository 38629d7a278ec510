// Writes the real-shaped benchmark repos' manifests and has the real package manager write each
// lockfile (npm --package-lock-only, pnpm --lockfile-only, yarn 1 install, yarn 4
// --mode=update-lockfile, bun --lockfile-only; see @turbine/test-utils), then keeps both under
// bench/real/repos/<name>/. Needs the npm registry and a few minutes; the bench itself does not.
//
//   node bench/real/regenerate.mjs [name...]     (default: every repo of spec.mjs)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createTempRepo } from "@turbine/test-utils";

import { REPOS, repoSpec } from "./spec.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCKFILES = {
  npm: "package-lock.json",
  pnpm: "pnpm-lock.yaml",
  yarn: "yarn.lock",
  berry: "yarn.lock",
  bun: "bun.lock",
};

const wanted = process.argv.slice(2);
for (const repo of REPOS.filter((r) => wanted.length === 0 || wanted.includes(r.name))) {
  const started = Date.now();
  process.stderr.write(`${repo.name}: ${repo.workspaces} workspaces, ${repo.packageManager}\n`);
  const { packages, root } = repoSpec(repo);
  const temp = await createTempRepo({
    packageManager: repo.packageManager,
    packages,
    root,
    // npm refuses the peer ranges two generations of majors leave unmet; real repos say this.
    files: repo.packageManager === "npm" ? { ".npmrc": "legacy-peer-deps=true\n" } : {},
    commit: false,
    // yarn 1 has no lockfile-only mode and berry fetches every package for its checksums.
    installTimeoutMs: 30 * 60_000,
  });
  try {
    const files = {};
    const keep = (rel) => {
      files[rel] = readFileSync(temp.path(rel), "utf8");
    };
    keep("package.json");
    if (repo.packageManager === "pnpm") keep("pnpm-workspace.yaml");
    if (repo.packageManager === "npm") keep(".npmrc");
    for (const p of packages) keep(`${p.dir}/package.json`);
    const out = path.join(here, "repos", repo.name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "manifests.json"), `${JSON.stringify(files, null, 1)}\n`);
    const lockfile = LOCKFILES[repo.packageManager];
    writeFileSync(path.join(out, lockfile), readFileSync(temp.path(lockfile)));
    const kb = Math.round(readFileSync(temp.path(lockfile)).length / 1024);
    process.stderr.write(
      `${repo.name}: ${lockfile} ${kb} KB in ${(Date.now() - started) / 1000} s\n`,
    );
  } finally {
    await temp.cleanup();
  }
}
