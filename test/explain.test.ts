import { cp, mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  cleanEnv,
  exec,
  type ExecResult,
  type RemoteCacheServer,
  type RepoSpec,
  startRemoteCacheServer,
  type TempRepo,
  turbineRoot,
  useTempRepos,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { signedRemoteEnv } from "./support/remote-env.js";
import { runTurbine } from "./support/turbine.js";

// These tests spawn npm and git on a shared 2-core machine.

const create = useTempRepos();

const BUILD =
  "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.txt','x')\" --";

const spec: RepoSpec = {
  packages: [
    {
      name: "app",
      dependencies: { lib: "*" },
      scripts: { build: BUILD },
      files: { "src/index.ts": "export const app = 1;\n" },
    },
    {
      name: "lib",
      scripts: { build: BUILD },
      files: { "src/a.ts": "export const a = 1;\n", "src/b.ts": "export const b = 1;\n" },
    },
  ],
  turbo: {
    globalDependencies: ["config/shared.json"],
    globalEnv: ["GLOBAL_FLAG"],
    tasks: { build: { dependsOn: ["^build"], env: ["API_URL"], outputs: ["dist/**"] } },
  },
  files: { "config/shared.json": "{}\n", ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
};

/** The `--explain` lines of a run, `task: reason`, in a stable order. */
function why(result: ExecResult): string[] {
  return result.stdout
    .split("\n")
    .flatMap((line) => {
      const match = /^(\S+): why: (.*)$/.exec(line);
      return match === null ? [] : [`${match[1] ?? ""}: ${match[2] ?? ""}`];
    })
    .sort();
}

/** A repo of `spec` whose build ran once with `env`, so every task has a record. */
async function recorded(
  env: Record<string, string> = {},
  overrides: Partial<RepoSpec> = {},
): Promise<TempRepo> {
  const repo = await create({ ...spec, ...overrides });
  const first = await runTurbine(repo.root, ["run", "build", "--explain"], env);
  expect(first.code).toBe(0);
  expect(why(first)).toEqual(["app:build: no previous run", "lib:build: no previous run"]);
  return repo;
}

async function explain(
  repo: TempRepo,
  env: Record<string, string> = {},
  extra: string[] = [],
): Promise<string[]> {
  const result = await runTurbine(repo.root, ["run", "build", "--explain", ...extra], env);
  expect(result.code).toBe(0);
  return why(result);
}

/** Sets `key` of turbo.json's `build` task. */
async function editBuild(repo: TempRepo, key: string, value: unknown): Promise<void> {
  const turbo = JSON.parse(await repo.read("turbo.json")) as {
    tasks: Record<string, Record<string, unknown>>;
  };
  turbo.tasks.build = { ...turbo.tasks.build, [key]: value };
  await repo.writeJson("turbo.json", turbo);
}

describe("turbine run --explain names exactly what changed since each task's last run", () => {
  it("a modified file, and for the dependent the dependency with that file one level down", async () => {
    const repo = await recorded();
    await repo.write("packages/lib/src/a.ts", "export const a = 2;\n");
    expect(await explain(repo)).toEqual([
      "app:build: dependency lib#build changed: src/a.ts modified",
      "lib:build: src/a.ts modified",
    ]);
    // Recorded: the next run hits and explains nothing.
    expect(await explain(repo)).toEqual([]);
  });

  it("added and removed files, counted past the limit", async () => {
    const repo = await recorded();
    for (const n of [0, 1, 2, 3]) await repo.write(`packages/lib/src/n${String(n)}.ts`, "n\n");
    await repo.remove("packages/lib/src/b.ts");
    expect((await explain(repo)).filter((l) => l.startsWith("lib:"))).toEqual([
      "lib:build: 4 files added: src/n0.ts, src/n1.ts, src/n2.ts and 1 more; src/b.ts removed",
    ]);
  });

  it("an env var's value, by name only", async () => {
    const repo = await recorded({ API_URL: "https://one.example" });
    const lines = await explain(repo, { API_URL: "https://two.example" });
    expect(lines).toEqual(["app:build: env API_URL changed", "lib:build: env API_URL changed"]);
    expect(lines.join("\n")).not.toContain("example");
  });

  it("pass-through args", async () => {
    const repo = await recorded();
    expect(await explain(repo, {}, ["--", "--mode=ci"])).toEqual([
      "app:build: pass-through args changed: none → --mode=ci",
      "lib:build: pass-through args changed: none → --mode=ci",
    ]);
  });

  it("the outputs config", async () => {
    const repo = await recorded();
    await editBuild(repo, "outputs", ["dist/**", "!dist/tmp/**"]);
    expect(await explain(repo)).toEqual([
      'app:build: outputs changed: ["dist/**"] → ["dist/**","!dist/tmp/**"]',
      'lib:build: outputs changed: ["dist/**"] → ["dist/**","!dist/tmp/**"]',
    ]);
  });

  it("the task's turbo.json definition", async () => {
    const repo = await recorded();
    await editBuild(repo, "passThroughEnv", ["SOME_TOKEN"]);
    expect(await explain(repo)).toEqual([
      'app:build: turbo.json passThroughEnv changed: null → ["SOME_TOKEN"]',
      'lib:build: turbo.json passThroughEnv changed: null → ["SOME_TOKEN"]',
    ]);
  });

  it("a global file, a global env var and a global turbo.json setting", async () => {
    const repo = await recorded({ GLOBAL_FLAG: "1" });
    await repo.write("config/shared.json", '{ "x": 1 }\n');
    expect(await explain(repo, { GLOBAL_FLAG: "1" })).toEqual([
      "app:build: global files: config/shared.json modified",
      "lib:build: global files: config/shared.json modified",
    ]);
    expect(await explain(repo, { GLOBAL_FLAG: "2" })).toEqual([
      "app:build: global env GLOBAL_FLAG changed",
      "lib:build: global env GLOBAL_FLAG changed",
    ]);
    const turbo = JSON.parse(await repo.read("turbo.json")) as Record<string, unknown>;
    await repo.writeJson("turbo.json", { ...turbo, globalEnv: ["GLOBAL_FLAG", "OTHER_*"] });
    expect(await explain(repo, { GLOBAL_FLAG: "2" })).toEqual([
      'app:build: turbo.json globalEnv changed: ["GLOBAL_FLAG"] → ["GLOBAL_FLAG","OTHER_*"]',
      'lib:build: turbo.json globalEnv changed: ["GLOBAL_FLAG"] → ["GLOBAL_FLAG","OTHER_*"]',
    ]);
  });

  it("forced (--force)", async () => {
    const repo = await recorded();
    expect(await explain(repo, {}, ["--force"])).toEqual([
      "app:build: forced (--force)",
      "lib:build: forced (--force)",
    ]);
  });

  it("several changes at once, most specific first", async () => {
    const repo = await recorded({ API_URL: "1" });
    await repo.write("packages/lib/src/a.ts", "export const a = 3;\n");
    await repo.write("config/shared.json", '{ "y": 1 }\n');
    expect(await explain(repo, { API_URL: "2" }, ["--", "--x"])).toEqual([
      "app:build: dependency lib#build changed: src/a.ts modified",
      "app:build: env API_URL changed",
      "app:build: global files: config/shared.json modified",
      "app:build: pass-through args changed: none → --x",
      "lib:build: env API_URL changed",
      "lib:build: global files: config/shared.json modified",
      "lib:build: pass-through args changed: none → --x",
      "lib:build: src/a.ts modified",
    ]);
    // Recorded: the same run again hits, and with --force says only that.
    expect(await explain(repo, { API_URL: "2" }, ["--", "--x"])).toEqual([]);
    expect(await explain(repo, { API_URL: "2" }, ["--force", "--", "--x"])).toEqual([
      "app:build: forced (--force)",
      "lib:build: forced (--force)",
    ]);
  });

  it("the same hash as the last run: a failed run, a deleted cache entry, caching off", async () => {
    const repo = await create({
      packages: [
        {
          name: "lib",
          scripts: {
            build: 'node -e "process.exit(process.env.FAIL ? 1 : 0)"',
            dev: 'node -e "0"',
          },
        },
      ],
      turbo: { tasks: { build: { passThroughEnv: ["FAIL"] }, dev: { cache: false } } },
    });
    expect((await runTurbine(repo.root, ["run", "build"], { FAIL: "1" })).code).toBe(1);
    const again = await runTurbine(repo.root, ["run", "build", "--explain"]);
    expect(why(again)).toEqual(["lib:build: inputs unchanged; the last run failed (exit 1)"]);
    const hash = /lib:build: cache miss, executing (\w+)/.exec(again.stdout)?.[1] ?? "";
    await rm(join(repo.root, ".turbo", "cache"), { recursive: true, force: true });
    expect(await explain(repo)).toEqual([
      `lib:build: inputs unchanged; its cache entry ${hash} is gone (deleted or evicted)`,
    ]);
    const dev = await runTurbine(repo.root, ["run", "dev", "--explain"]);
    expect(why(dev)).toEqual(["lib:dev: caching is off for this task (turbo.json cache: false)"]);
  });
});

describe("lockfile changes as package@version", () => {
  // Real lockfiles written by npm from the registry.
  it("in a task's closure, and in the root's (a global input)", async () => {
    const repo = await recorded(
      {},
      {
        packages: [
          { name: "app", dependencies: { lib: "*" }, scripts: { build: BUILD } },
          { name: "lib", dependencies: { "is-number": "7.0.0" }, scripts: { build: BUILD } },
        ],
      },
    );
    const lib = JSON.parse(await repo.read("packages/lib/package.json")) as Record<string, unknown>;
    await repo.writeJson("packages/lib/package.json", {
      ...lib,
      dependencies: { "is-number": "6.0.0" },
    });
    await repo.install();
    const lines = await explain(repo);
    expect(lines.filter((l) => l.startsWith("lib:"))).toEqual(
      ["lib:build: package.json modified", "lib:build: lockfile: is-number 7.0.0 → 6.0.0"].sort(),
    );
    const root = JSON.parse(await repo.read("package.json")) as Record<string, unknown>;
    await repo.writeJson("package.json", { ...root, devDependencies: { "is-odd": "3.0.1" } });
    await repo.install();
    // npm hoists lib's is-number to the root for is-odd: lib's closure moved, same versions.
    expect(await explain(repo)).toEqual([
      "app:build: dependency lib#build changed: lockfile: is-number@6.0.0 moved (same version)",
      "app:build: root dependencies: added is-number@6.0.0, added is-odd@3.0.1",
      "lib:build: lockfile: is-number@6.0.0 moved (same version)",
      "lib:build: root dependencies: added is-number@6.0.0, added is-odd@3.0.1",
    ]);
  });
});

describe("records that cannot be trusted, and records written at once", () => {
  it("reads a corrupted record as no previous run", async () => {
    const repo = await recorded();
    await repo.write("packages/lib/src/a.ts", "export const a = 4;\n");
    await repo.commit("change a");
    const file = join(repo.root, ".turbo/turbine/records/tasks/lib%23build.json");
    await writeFile(file, (await readFile(file, "utf8")).slice(0, 100));
    expect(await explain(repo)).toEqual([
      "app:build: dependency lib#build changed",
      "lib:build: no previous run",
    ]);
  });

  it("keeps whole records when two runs write them at once", async () => {
    const repo = await recorded();
    await repo.write("packages/lib/src/a.ts", "export const a = 5;\n");
    const bin = join(turbineRoot(), "packages/cli/bin/turbine.js");
    const runs = await Promise.all(
      [0, 1].map(() =>
        exec(process.execPath, [bin, "run", "build", "--force"], {
          cwd: repo.root,
          env: cleanEnv(),
        }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const dir = join(repo.root, ".turbo/turbine/records");
    const index = JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as {
      tasks: Record<string, { hash: string }>;
    };
    for (const file of await readdir(join(dir, "tasks"))) {
      const record = JSON.parse(await readFile(join(dir, "tasks", file), "utf8")) as {
        taskId: string;
        hash: string;
      };
      expect(index.tasks[record.taskId]?.hash).toBe(record.hash);
    }
    expect(await explain(repo)).toEqual([]);
  });
});

describe("what the store holds", () => {
  it("no env value and no token, after a run with secrets in the environment", async () => {
    const secrets = {
      API_URL: "https://user:hunter2-api@example.invalid",
      GLOBAL_FLAG: "global-s3cret-value",
      TURBO_TOKEN: "tok_0123456789abcdef-remote",
    };
    const repo = await create(spec);
    const ran = await runTurbine(repo.root, ["run", "build", "--summarize"], secrets);
    expect(ran.code).toBe(0);
    const dir = join(repo.root, ".turbo/turbine/records");
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = await readFile(join(dir, file), "utf8");
      for (const secret of Object.values(secrets)) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(8, 20));
      }
    }
  });
});

describe("the same reasons elsewhere", () => {
  it("--summarize gains missExplanation per task; --dry and --dry=json with --explain", async () => {
    const repo = await recorded();
    await repo.write("packages/lib/src/b.ts", "export const b = 2;\n");
    const dry = await runTurbine(repo.root, ["run", "build", "--dry", "--explain"]);
    expect(dry.stdout).toMatch(/\n {2}Why {2,}= src\/b\.ts modified\n/);
    const json = await runTurbine(repo.root, ["run", "build", "--dry=json", "--explain"]);
    const doc = JSON.parse(json.stdout) as {
      tasks: { taskId: string; missExplanation: { text: string[] } | null }[];
    };
    expect(doc.tasks.map((t) => [t.taskId, t.missExplanation?.text])).toEqual([
      ["app#build", ["dependency lib#build changed: src/b.ts modified"]],
      ["lib#build", ["src/b.ts modified"]],
    ]);
    // Without --explain the dry run stays turbo's document.
    const plain = await runTurbine(repo.root, ["run", "build", "--dry=json"]);
    expect(plain.stdout).not.toContain("missExplanation");

    const ran = await runTurbine(repo.root, ["run", "build", "--summarize"]);
    const path = /Summary: {4}(\S+\.json)/.exec(ran.stdout)?.[1] ?? expect.unreachable();
    const summary = JSON.parse(await readFile(path, "utf8")) as {
      tasks: {
        taskId: string;
        missExplanation: {
          previousRun: { hash: string } | null;
          reasons: { kind: string }[];
          text: string[];
        } | null;
      }[];
    };
    const lib = summary.tasks.find((t) => t.taskId === "lib#build")?.missExplanation;
    expect(lib?.text).toEqual(["src/b.ts modified"]);
    expect(lib?.reasons).toEqual([
      { kind: "files", modified: ["src/b.ts"], added: [], removed: [] },
    ]);
    expect(lib?.previousRun?.hash).toMatch(/^[0-9a-f]{16}$/);
    const hits = await runTurbine(repo.root, ["run", "build", "--summarize"]);
    const hitPath = /Summary: {4}(\S+\.json)/.exec(hits.stdout)?.[1] ?? expect.unreachable();
    const hitSummary = JSON.parse(await readFile(hitPath, "utf8")) as {
      tasks: { missExplanation: unknown }[];
    };
    expect(hitSummary.tasks.map((t) => t.missExplanation)).toEqual([null, null]);
  });

  it("turbine why: exit 0 when the task would hit, 2 with the reason when it would miss", async () => {
    const repo = await recorded();
    const hit = await runTurbine(repo.root, ["why", "lib#build"]);
    expect(hit.code).toBe(0);
    expect(hit.stdout).toMatch(/^lib#build: cache hit \(local\) [0-9a-f]{16}\n$/);
    await repo.write("packages/lib/src/a.ts", "export const a = 6;\n");
    const miss = await runTurbine(repo.root, ["why", "lib#build"]);
    expect(miss.code).toBe(2);
    expect(miss.stdout).toMatch(/^lib#build: cache miss [0-9a-f]{16}: src\/a\.ts modified\n$/);
    const app = await runTurbine(repo.root, ["why", "app#build"], { API_URL: "x" });
    expect(app.code).toBe(2);
    expect(app.stdout.split("\n").slice(2)).toEqual([
      "  dependency lib#build changed: src/a.ts modified",
      "  env API_URL set",
      "",
    ]);
    // Nothing ran and nothing was recorded.
    expect((await runTurbine(repo.root, ["why", "lib#build"])).code).toBe(2);
    // Against another machine's store (here: a copy, the local one then removed).
    const records = join(repo.root, ".turbo/turbine/records");
    await cp(records, join(repo.root, "ci-records"), { recursive: true });
    await rm(records, { recursive: true });
    await repo.commit("a = 6");
    const local = await runTurbine(repo.root, ["why", "lib#build"]);
    expect(local.stdout).toMatch(/^lib#build: cache miss [0-9a-f]{16}: no previous run\n$/);
    const ci = await runTurbine(repo.root, ["why", "lib#build", "--against", "ci-records"]);
    expect(ci.stdout).toMatch(/^lib#build: cache miss [0-9a-f]{16}: src\/a\.ts modified\n$/);
    const bad = await runTurbine(repo.root, ["why", "build"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ERR_RUNNER_INVALID_TASK_ID");
  });
});

describe("across machines", () => {
  let server: RemoteCacheServer | undefined;
  let clone: string | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    if (clone !== undefined) await rm(clone, { recursive: true, force: true });
    clone = undefined;
  });

  it("says when the remote cache has a task at this commit that a fresh clone never ran", async () => {
    server = await startRemoteCacheServer();
    const remote = signedRemoteEnv(server);
    const repo = await create({
      ...spec,
      turbo: { ...(spec.turbo as object), remoteCache: { signature: true } },
    });
    // "CI": builds this commit and uploads every task.
    expect((await runTurbine(repo.root, ["run", "build"], remote)).code).toBe(0);
    const sha = (await repo.git("rev-parse", "HEAD")).trim();

    // A developer's fresh clone: no local cache, no records, one uncommitted edit.
    clone = await realpath(await mkdtemp(join(tmpdir(), "turbine-clone-")));
    await exec("git", ["clone", "-q", repo.root, clone], { cwd: tmpdir() });
    await writeFile(join(clone, "packages/lib/src/a.ts"), "export const a = 7;\n");
    const lines = why(await runTurbine(clone, ["run", "build", "--explain"], remote));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^app:build: no previous run here; the remote cache has this task at commit ${sha.slice(0, 7)} \\([0-9a-f]{16}\\); since then: dependency lib#build changed$`,
      ),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^lib:build: no previous run here; the remote cache has this task at commit ${sha.slice(0, 7)} \\([0-9a-f]{16}\\); since then: src/a\\.ts modified$`,
      ),
    );
  });
});
