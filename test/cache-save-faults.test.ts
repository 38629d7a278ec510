import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

import {
  binPath,
  canMountTmpfs,
  cleanEnv,
  enospcPreload,
  exec,
  type ExecResult,
  type FaultServer,
  inTmpfs,
  makeUnwritable,
  type RepoSpec,
  runTurbo,
  startFaultServer,
  type TempRepo,
  turboDryJson,
  useTempRepos,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { runTurbine, runTurbineBin } from "./support/turbine.js";

// These tests spawn turbo, npm and Turbine on a shared 2-core machine. Saving to the cache is
// best-effort: whatever stops an entry from being packed, written or uploaded, the task keeps
// the result its process returned, its dependents run, the summary records it, and the run
// says once, naming the task, what went wrong (in turbo's words where turbo has them).

const create = useTempRepos();
let server: FaultServer | undefined;
const undo: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of undo.splice(0)) await step();
  await server?.stop();
  server = undefined;
});

const node = (code: string): string => `node -e "${code}"`;

/** `a` builds `dist` (plus whatever `extra` shell adds); `b` depends on `a` and says it ran. */
function repoSpec(extra = "", outputs: readonly string[] = ["dist/**"]): RepoSpec {
  return {
    packages: [
      {
        name: "a",
        scripts: {
          build: `${node("require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/a.txt','a')")}${extra}`,
        },
      },
      {
        name: "b",
        dependencies: { a: "*" },
        scripts: {
          build: node(
            "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/b.txt','b');console.log('b ran')",
          ),
        },
      },
    ],
    turbo: {
      tasks: {
        build: { dependsOn: ["^build"], outputs: ["dist/**"] },
        "a#build": { outputs },
      },
    },
  };
}

/** ` WARNING  ` lines of a run (stderr), without the banner about a global turbo. */
function warnings(ran: ExecResult): string[] {
  return ran.stderr
    .split("\n")
    .filter((line) => line.startsWith(" WARNING  ") && !line.includes("locally installed"));
}

/**
 * What every fault must leave: exit 0, both tasks successful, `b` ran, no ERROR line, the summary
 * records `a#build` with exit code 0, and exactly one warning about `a#build`, which is returned.
 */
async function expectFailSafe(repo: TempRepo, ran: ExecResult): Promise<string> {
  expect(ran.stderr).not.toContain(" ERROR ");
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toContain(" Tasks:    2 successful, 2 total");
  expect(ran.stdout).toContain("b:build: b ran");
  const about = warnings(ran).filter((line) => line.includes("a#build"));
  expect(about, ran.stderr).toHaveLength(1);
  const runs = await readdir(repo.path(".turbo/runs"));
  expect(runs).toHaveLength(1);
  const summary = JSON.parse(await readFile(repo.path(`.turbo/runs/${runs[0] ?? ""}`), "utf8")) as {
    tasks: { taskId: string; execution: { exitCode: number } }[];
  };
  const task = summary.tasks.find((t) => t.taskId === "a#build");
  expect(task?.execution.exitCode).toBe(0);
  return about[0] ?? "";
}

/** Turbine's line for a cause turbo words as `turboLine`: the same text, with the task named. */
function named(turboLine: string): string {
  return turboLine.replace(" WARNING  ", " WARNING  a#build: ");
}

async function reset(repo: TempRepo): Promise<void> {
  for (const dir of [
    ".turbo",
    "packages/a/dist",
    "packages/b/dist",
    "packages/a/.turbo",
    "packages/b/.turbo",
  ]) {
    await rm(repo.path(dir), { recursive: true, force: true });
  }
}

const RUN = ["run", "build", "--summarize"];

describe("a cache that cannot store never fails the build", () => {
  it("a read-only cache dir (--cache-dir on read-only storage) is one warning, as turbo's", async () => {
    const repo = await create(repoSpec());
    await mkdir(repo.path("ro-cache"));
    const args = [...RUN, "--cache-dir=ro-cache"];
    if (await canMountTmpfs()) {
      const wrap = (cmd: string, argv: readonly string[]) =>
        inTmpfs(repo.path("ro-cache"), { readOnly: true }, cmd, argv);
      const turbo = await runTurbineLike(repo, "turbo", args, wrap);
      const ours = await runTurbineLike(repo, "turbine", args, wrap);
      expect(warnings(turbo)).toContain(" WARNING  IO error: Read-only file system (os error 30)");
      expect(await expectFailSafe(repo, ours)).toBe(
        named(" WARNING  IO error: Read-only file system (os error 30)"),
      );
      return;
    }
    const blocked = await makeUnwritable(repo.path("ro-cache"));
    if (blocked !== undefined) undo.push(() => blocked.restore());
    else await writeFile(repo.path("ro-cache/cache"), "a file where the store should be");
    const store = blocked === undefined ? "ro-cache/cache" : "ro-cache";
    const turbo = await runTurbineLike(repo, "turbo", [...RUN, `--cache-dir=${store}`]);
    const ours = await runTurbineLike(repo, "turbine", [...RUN, `--cache-dir=${store}`]);
    const line = await expectFailSafe(repo, ours);
    const turbos = warnings(turbo).filter((l) => l.includes("IO error"));
    if (turbo.code === 0) expect(line).toBe(named(turbos[0] ?? ""));
    else expect(line).toMatch(/^ WARNING {2}a#build: IO error: .+ \(os error \d+\)$/);
  });

  it("a full disk is one warning, as turbo's", async () => {
    const repo = await create(
      repoSpec(
        ` && ${node("require('fs').writeFileSync('dist/big.bin',require('crypto').randomBytes(400000))")}`,
      ),
    );
    await mkdir(repo.path("small"));
    const args = [...RUN, "--cache-dir=small"];
    const full = " WARNING  IO error: No space left on device (os error 28)";
    if (await canMountTmpfs()) {
      const wrap = (cmd: string, argv: readonly string[]) =>
        inTmpfs(repo.path("small"), { sizeKiB: 128 }, cmd, argv);
      const turbo = await runTurbineLike(repo, "turbo", args, wrap);
      expect(warnings(turbo)).toContain(full);
      expect(await expectFailSafe(repo, await runTurbineLike(repo, "turbine", args, wrap))).toBe(
        named(full),
      );
      return;
    }
    // No mount here: ENOSPC is injected where Node opens files under the cache dir.
    const ours = await runTurbineBin(
      repo.root,
      args,
      { TURBINE_TEST_ENOSPC_DIR: repo.path("small") },
      { nodeArgs: ["--import", enospcPreload()] },
    );
    expect(await expectFailSafe(repo, ours)).toBe(named(full));
  });

  it("a cache dir without write permission is one warning naming the cause, as turbo's", async () => {
    const repo = await create(repoSpec());
    await mkdir(repo.path("locked"));
    const blocked = await makeUnwritable(repo.path("locked"));
    if (blocked === undefined) {
      // Root without chattr: the same refusal comes from a read-only mount (tested above).
      expect(await canMountTmpfs()).toBe(true);
      return;
    }
    undo.push(() => blocked.restore());
    const args = [...RUN, "--cache-dir=locked"];
    const turbo = await runTurbo(repo.root, args);
    await reset(repo);
    const ours = await runTurbine(repo.root, args);
    const text =
      blocked.how === "mode"
        ? "Permission denied (os error 13)"
        : "Operation not permitted (os error 1)";
    expect(warnings(turbo)).toContain(` WARNING  IO error: ${text}`);
    expect(await expectFailSafe(repo, ours)).toBe(named(` WARNING  IO error: ${text}`));
  });

  it("a directory at <hash>.tar.zst is one warning and leaves no temporary file", async () => {
    const repo = await create(repoSpec());
    const hash = (await turboDryJson(repo.root)).tasks.find((t) => t.taskId === "a#build")?.hash;
    const plant = async (): Promise<void> => {
      await reset(repo);
      await mkdir(repo.path(`.turbo/cache/${hash ?? ""}.tar.zst`), { recursive: true });
    };
    await plant();
    const turbo = await runTurbo(repo.root, RUN);
    expect(turbo.code).toBe(0);
    expect(warnings(turbo).some((l) => l.startsWith(" WARNING  IO error: failed to rename"))).toBe(
      true,
    );
    await plant();
    const ours = await runTurbine(repo.root, RUN);
    expect(await expectFailSafe(repo, ours)).toBe(
      named(" WARNING  IO error: Is a directory (os error 21)"),
    );
    const left = (await readdir(repo.path(".turbo/cache"))).filter((n) => n.includes(hash ?? "-"));
    expect(left).toEqual([`${hash ?? ""}.tar.zst`]);
  });

  it.each([
    ["a FIFO", node("require('child_process').execFileSync('mkfifo',['dist/pipe'])")],
    ["a socket", node("require('net').createServer().listen('dist/sock',()=>process.exit(0))")],
  ])(
    "%s among the outputs is turbo's `unsupported file type` warning, naming the path",
    async (_, make) => {
      const repo = await create(repoSpec(` && ${make}`));
      const turbo = await runTurbo(repo.root, RUN);
      expect(turbo.code).toBe(0);
      expect(warnings(turbo)).toContain(" WARNING  attempted to create unsupported file type");
      await reset(repo);
      const line = await expectFailSafe(repo, await runTurbine(repo.root, RUN));
      expect(
        line.startsWith(
          named(" WARNING  attempted to create unsupported file type: packages/a/dist/"),
        ),
      ).toBe(true);
    },
  );

  it("an output name with a backslash is not cached (its restore would be refused), with a warning", async () => {
    const backslash = "require('fs').writeFileSync('dist/a'+String.fromCharCode(92)+'b.txt','x')";
    const repo = await create(repoSpec(` && ${node(backslash)}`));
    const turbo = await runTurbo(repo.root, RUN);
    expect(turbo.code).toBe(0);
    await reset(repo);
    const line = await expectFailSafe(repo, await runTurbine(repo.root, RUN));
    expect(line).toBe(
      ` WARNING  a#build: cannot pack ${JSON.stringify("packages/a/dist/a\\b.txt")}: name contains a backslash`,
    );
  });

  it("an `outputs` glob reaching outside the repo is a warning (turbo fails the run)", async () => {
    const outside = await mkdtemp(join(await realpath(tmpdir()), "turbine-outside-"));
    undo.push(() => rm(outside, { recursive: true, force: true }));
    await writeFile(join(outside, "outside.txt"), "not the repo's");
    const glob = `../../../${basename(outside)}/**`;
    const repo = await create(repoSpec("", ["dist/**", glob]));
    expect(dirname(repo.root)).toBe(dirname(outside));
    const turbo = await runTurbo(repo.root, RUN);
    expect(turbo.code).toBe(1);
    expect(turbo.stderr).toContain("is not parent of");
    await reset(repo);
    const line = await expectFailSafe(repo, await runTurbine(repo.root, RUN));
    expect(line).toBe(
      ` WARNING  a#build: Task output resolves outside of repository root: ${glob}`,
    );
  });

  it("a failed upload is one warning naming the task; the local entry is still written", async () => {
    const repo = await create(repoSpec());
    server = await startFaultServer({
      rules: [{ method: "PUT", fault: { status: 400, body: "{}" } }],
    });
    const env = { TURBO_API: server.url, TURBO_TOKEN: "t0ken", TURBO_TEAMID: "team_x" };
    const hash = (await turboDryJson(repo.root)).tasks.find((t) => t.taskId === "a#build")?.hash;
    const ours = await runTurbine(repo.root, RUN, env);
    expect(
      (await expectFailSafe(repo, ours)).startsWith(
        " WARNING  a#build: failed to contact remote cache",
      ),
    ).toBe(true);
    expect(warnings(ours).filter((l) => l.includes("b#build"))).toHaveLength(1);
    expect(await readdir(repo.path(".turbo/cache"))).toContain(`${hash ?? ""}-meta.json`);
  });
});

/** Runs turbo or Turbine as a process, each time from a clean tree, optionally wrapped. */
async function runTurbineLike(
  repo: TempRepo,
  tool: "turbo" | "turbine",
  args: readonly string[],
  wrap?: (command: string, args: readonly string[]) => [string, string[]],
): Promise<ExecResult> {
  await reset(repo);
  if (tool === "turbine")
    return runTurbineBin(repo.root, args, {}, wrap === undefined ? {} : { wrap });
  const [cmd, argv] = wrap?.(binPath("turbo"), args) ?? [binPath("turbo"), [...args]];
  return exec(cmd, argv, { cwd: repo.root, env: cleanEnv() });
}
