import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import { turbineRoot, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbineBin } from "./support/turbine.js";

/**
 * The bundled `turbine` bin (packages/cli/dist/bundle) run as users run it, with a preload
 * (test/support/observe-bin.mjs) that records the modules it loads and the commit thread's jobs.
 */
const create = useTempRepos();
const OBSERVER = join(turbineRoot(), "test", "support", "observe-bin.mjs");
const TASKS = Array.from({ length: 24 }, (_, i) => `t${String(i)}`);

interface Observed {
  readonly modules: readonly string[];
  readonly commitJobs: number;
  readonly commitReplies: number;
  readonly commitErrors: number;
}

/**
 * What a module is called in an allow-list: a built-in by its `node:` name, a bundle chunk by
 * its name without rolldown's content hash, anything else by its file name.
 */
function moduleName(url: string): string {
  if (url.startsWith("node:")) return url;
  const file = url.slice(url.lastIndexOf("/") + 1);
  return url.includes("/dist/bundle/") ? file.replace(/-[\w-]{8}\.js$/, "") : file;
}

async function observe(
  cwd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; observed: Observed }> {
  const file = join(cwd, ".turbo-observed.json");
  const ran = await runTurbineBin(
    cwd,
    args,
    { ...env, TURBINE_OBSERVE_FILE: file },
    {
      nodeArgs: ["--import", OBSERVER],
    },
  );
  expect(ran.code, ran.stderr).toBe(0);
  const observed = JSON.parse(await readFile(file, "utf8")) as Observed;
  await rm(file);
  return { stdout: ran.stdout, observed };
}

/** Modules `--version` may load: the bin, argument parsing and the version, nothing of a run. */
const VERSION_MODULES = [
  "turbine.js",
  "bin.js",
  "parse-argv",
  "version",
  // @turbine/errors' base class: the bin recognises Turbine's errors by it to print their codes.
  "turbine-error",
  "node:fs",
  "node:events",
  "node:child_process",
  "node:path",
  "node:process",
];

/**
 * Modules a fully cached run whose outputs are in place may load on top of those: the runner,
 * cache, hasher and workspace code, and the eviction scan's thread. Not the archive code
 * (`@turbine/artifact`, loaded on the first pack or restore), not undici (remote cache only), not
 * node:zlib.
 */
const CACHED_RUN_MODULES = [
  ...VERSION_MODULES,
  "run-command",
  "run-options",
  "io",
  "rolldown-runtime",
  "picomatch",
  "direct-execution",
  // Process spawning and line splitting, shared by direct execution and the task executor.
  "package-manager-execution",
  "eviction-line",
  "node:fs/promises",
  "node:timers/promises",
  "node:os",
  "node:worker_threads",
];

function repoSpec() {
  return {
    packages: [
      {
        name: "a",
        scripts: Object.fromEntries(
          TASKS.map((t) => [
            t,
            `node -e "require('fs').mkdirSync('out/${t}',{recursive:true});require('fs').writeFileSync('out/${t}/file.txt','${t}')"`,
          ]),
        ),
      },
    ],
    turbo: { tasks: Object.fromEntries(TASKS.map((t) => [t, { outputs: [`out/${t}/**`] }])) },
    files: { ".gitignore": "node_modules/\n.turbo/\nout/\n" },
  };
}

/** A repo whose tasks have all run once with the bundled bin, so the next run is fully cached. */
async function cachedRepo(): Promise<Awaited<ReturnType<typeof create>>> {
  const repo = await create(repoSpec());
  const cold = await runTurbineBin(repo.root, ["run", ...TASKS]);
  expect(cold.code, cold.stderr).toBe(0);
  return repo;
}

describe("the bundled turbine bin", () => {
  it("loads nothing on --version beyond argument parsing and the version", async () => {
    const repo = await create({ packages: [{ name: "a" }], install: false });
    const { stdout, observed } = await observe(repo.root, ["--version"]);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const extra = [...new Set(observed.modules.map(moduleName))].filter(
      (name) => !VERSION_MODULES.includes(name),
    );
    expect(extra, "modules --version loaded eagerly").toEqual([]);
  });

  it("loads no archive code, HTTP client or codec on a fully cached run", async () => {
    const repo = await cachedRepo();
    const cached = await observe(repo.root, ["run", ...TASKS]);
    expect(cached.stdout).toContain(">>> FULL TURBO");
    const extra = [...new Set(cached.observed.modules.map(moduleName))].filter(
      (name) => !CACHED_RUN_MODULES.includes(name),
    );
    expect(extra, "modules a fully cached run loaded eagerly").toEqual([]);
  });

  it("restores through the commit thread's worker program", async () => {
    const repo = await cachedRepo();
    // Outputs gone: every task restores; the observer makes the first restore slow enough to
    // start the commit thread and holds the next until it is online.
    await rm(join(repo.root, "packages/a/out"), { recursive: true });
    const restored = await observe(repo.root, ["run", ...TASKS], {
      TURBINE_OBSERVE_COMMIT_THREAD: "1",
      TURBINE_OBSERVE_OUTPUTS: join(repo.root, "packages/a/out"),
    });
    expect(restored.stdout).toContain(">>> FULL TURBO");
    expect(restored.observed.commitJobs).toBeGreaterThan(0);
    expect(restored.observed.commitReplies).toBe(restored.observed.commitJobs);
    expect(restored.observed.commitErrors).toBe(0);
    for (const t of TASKS) expect(await repo.read(`packages/a/out/${t}/file.txt`)).toBe(t);
  });
});
