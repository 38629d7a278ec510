// A real-shaped repo ready to measure: materialized from bench/real/repos/<name> and its local
// cache filled by one cold turbo run. With a workdir the repo is kept there (real-<name>) and
// reused while the committed manifests, lockfile and generator are unchanged (a stamp beside it
// says which), which spares the cold fill on later runs.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { benchEnv, root as turbineRoot, runTool, turboTool } from "../lib/scenario.mjs";
import { ALL_TASKS, materialize, realRepo, shimBin } from "./materialize.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** What a kept repo was made from: the committed inputs and the code that materializes them. */
function stampOf(repo) {
  const hash = createHash("sha256");
  for (const file of [
    path.join(repo.dir, "manifests.json"),
    path.join(repo.dir, repo.lockfileName),
    path.join(here, "materialize.mjs"),
  ]) {
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

/**
 * Returns { root, repo, label, tasks, cleanup } for real-shaped repo `name`; `tasks` is the
 * number of tasks the every-task dry run lists.
 */
export function prepareRealRepo(name, workdir) {
  const repo = realRepo(name);
  const kept = workdir === undefined ? undefined : path.join(workdir, `real-${name}`);
  const stampFile = kept === undefined ? undefined : `${kept}.stamp`;
  const stamp = stampOf(repo);
  let root;
  if (
    kept !== undefined &&
    existsSync(path.join(kept, ".turbo", "cache")) &&
    readOptional(stampFile) === stamp
  ) {
    process.stderr.write(`reusing ${kept} (delete it to regenerate)\n`);
    root = realpathSync(kept);
  } else {
    if (kept !== undefined) rmSync(kept, { recursive: true, force: true });
    if (kept !== undefined) mkdirSync(kept, { recursive: true });
    root = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), `turbine-bench-${name}-`)));
    process.stderr.write(`materializing the ${name} repo in ${root}\n`);
    materialize(name, root);
    process.stderr.write(
      `filling the cache with a cold turbo run (${repo.workspaceDirs.length} workspaces)\n`,
    );
    const fill = runTool(turboTool, root, ["run", "build"], { env: realEnv() });
    if (fill.status !== 0)
      throw new Error(`turbo's cold run failed:\n${fill.stderr}${fill.stdout.slice(-3000)}`);
    if (stampFile !== undefined) writeFileSync(stampFile, stamp);
  }
  // turbo lists every package's task, with or without a script (`<NONEXISTENT>`).
  const tasks = repo.workspaceDirs.length * ALL_TASKS.length;
  const kb = Math.round(readFileSync(path.join(repo.dir, repo.lockfileName)).length / 1024);
  return {
    root,
    repo,
    tasks,
    label: `${name}: ${repo.workspaceDirs.length} workspaces, ${repo.lockfileName} ${kb} KB`,
    cleanup: () => {
      if (workdir === undefined) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The environment real-shaped repos run in: benchEnv with the package managers' `run` shims first
 * on the PATH. The cold fill runs every build script through them, and turbo looks up the package
 * manager's binary before any run (bun's, here), even one that is all cache hits.
 */
export function realEnv() {
  const bin = shimBin(path.join(turbineRoot, "bench", "results", "shims"));
  return { ...benchEnv, PATH: `${bin}:${benchEnv.PATH}` };
}

function readOptional(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
