import {
  describeMissReason,
  describeMissReasons,
  explainChanges,
  explainMiss,
  type MissReason,
  parseTaskRecord,
  TASK_RECORD_FORMAT,
  TASK_RECORD_VERSION,
  type TaskHashState,
  type TaskRecord,
  type TaskRecordOutcome,
} from "@turbine/hasher";
import {
  diffClosures,
  hashRun,
  type HashRunOptions,
  type HashRunTask,
  lockfilePackageName,
} from "@turbine/hasher/internal";
import { useTempRepos } from "@turbine/test-utils";
import { loadWorkspace } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const create = useTempRepos();

function task(
  id: string,
  dependencies: string[] = [],
  extra: Partial<HashRunTask> = {},
): HashRunTask {
  const [pkg, name] = id.split("#") as [string, string];
  return {
    id,
    package: pkg,
    task: name,
    dependencies,
    env: ["MODE"],
    passThroughEnv: null,
    inputs: [],
    outputs: ["dist/**"],
    ...extra,
  };
}

const TASKS = [task("a#build", ["b#build"]), task("b#build")];

/** Every task's state in one hashing of the repo (definitions reduced to the hashed keys). */
async function states(
  options: Omit<HashRunOptions, "workspace" | "tasks"> & { tasks?: HashRunTask[] },
  root: string,
): Promise<Map<string, TaskHashState>> {
  const workspace = await loadWorkspace(root);
  const tasks = options.tasks ?? TASKS;
  const result = await hashRun({ workspace, ...options, tasks });
  const out = new Map<string, TaskHashState>();
  for (const t of tasks) {
    const hashed = result.tasks.get(t.id) ?? expect.unreachable();
    out.set(t.id, {
      explanation: hashed.explanation,
      definition: { dependsOn: [], inputs: t.inputs, env: t.env, passThroughEnv: t.passThroughEnv },
      global: result.global,
      rootClosure: workspace.externalClosure("//") ?? null,
      closure: workspace.externalClosure(t.package) ?? null,
    });
  }
  return out;
}

function record(state: TaskHashState, outcome: Partial<TaskRecordOutcome> = {}): TaskRecord {
  return {
    format: TASK_RECORD_FORMAT,
    version: TASK_RECORD_VERSION,
    taskId: state.explanation.taskId,
    hash: state.explanation.hash,
    recordedAt: "2025-01-01T00:00:00.000Z",
    producer: "turbine test",
    scm: null,
    outcome: { status: "executed", exitCode: 0, durationMs: 5, cached: true, ...outcome },
    ...state,
  };
}

const get = (map: Map<string, TaskHashState>, id: string): TaskHashState =>
  map.get(id) ?? expect.unreachable();

describe("explaining a miss against a record", () => {
  it("names each modified, added and removed file, relative to the package", async () => {
    const repo = await create({
      packages: [
        { name: "a", dependencies: { b: "*" } },
        { name: "b", files: { "src/x.ts": "x\n", "src/y.ts": "y\n" } },
      ],
    });
    const env = { MODE: "1" };
    const before = await states({ env }, repo.root);
    await repo.write("packages/b/src/x.ts", "changed\n");
    await repo.write("packages/b/src/new.ts", "new\n");
    await repo.remove("packages/b/src/y.ts");
    const after = await states({ env }, repo.root);
    expect(explainChanges(get(before, "b#build"), get(after, "b#build"))).toEqual([
      { kind: "files", modified: ["src/x.ts"], added: ["src/new.ts"], removed: ["src/y.ts"] },
    ]);
  });

  it("explains a changed dependency one level down, and says when it ran again since", async () => {
    const repo = await create({
      packages: [
        { name: "a", dependencies: { b: "*" } },
        { name: "b", files: { "b.ts": "b\n" } },
      ],
    });
    const before = await states({ env: { MODE: "1" } }, repo.root);
    await repo.write("packages/b/b.ts", "changed\n");
    const after = await states({ env: { MODE: "1" } }, repo.root);
    const lookup = (previous: TaskRecord) => () => ({
      previous,
      current: get(after, "b#build"),
    });
    const a = [get(before, "a#build"), get(after, "a#build")] as const;
    expect(explainChanges(...a, lookup(record(get(before, "b#build"))))).toEqual([
      {
        kind: "dependency",
        taskId: "b#build",
        change: "changed",
        why: [{ kind: "files", modified: ["b.ts"], added: [], removed: [] }],
      },
    ]);
    expect(explainChanges(...a, lookup(record(get(after, "b#build"))))).toEqual([
      { kind: "dependency", taskId: "b#build", change: "changed", why: "later-run" },
    ]);
    expect(explainChanges(...a)).toEqual([
      { kind: "dependency", taskId: "b#build", change: "changed", why: "unknown" },
    ]);
  });

  it("names env vars whose hashed value changed, never their values", async () => {
    const repo = await create({ packages: [{ name: "a" }, { name: "b" }] });
    const one = { tasks: [task("b#build", [], { env: ["MODE", "EXTRA", "GONE"] })] };
    const before = await states({ ...one, env: { MODE: "secret-1", GONE: "x" } }, repo.root);
    const after = await states({ ...one, env: { MODE: "secret-2", EXTRA: "y" } }, repo.root);
    const reasons = explainChanges(get(before, "b#build"), get(after, "b#build"));
    expect(reasons).toEqual([
      { kind: "env", name: "EXTRA", change: "set", inferred: false },
      { kind: "env", name: "GONE", change: "unset", inferred: false },
      { kind: "env", name: "MODE", change: "changed", inferred: false },
    ]);
    expect(JSON.stringify(reasons)).not.toContain("secret");
    expect(describeMissReasons(reasons)).toEqual([
      "env EXTRA set",
      "env GONE unset",
      "env MODE changed",
    ]);
  });

  it("puts a new env pattern down to the definition, not to a variable being set", async () => {
    const repo = await create({ packages: [{ name: "a" }, { name: "b" }] });
    const env = { MODE: "1", EXTRA: "2" };
    const before = await states({ tasks: [task("b#build")], env }, repo.root);
    const wider = [task("b#build", [], { env: ["EXTRA", "MODE"] })];
    const after = await states({ tasks: wider, env }, repo.root);
    expect(explainChanges(get(before, "b#build"), get(after, "b#build"))).toEqual([
      { kind: "definition", key: "env", before: ["MODE"], after: ["EXTRA", "MODE"] },
    ]);
  });

  it("names the global file, global env var and turbo.json setting that changed", async () => {
    const repo = await create({
      packages: [{ name: "a" }, { name: "b" }],
      files: { "config.json": "{}\n" },
    });
    const global = {
      globalDependencies: ["config.json"],
      globalEnv: ["TOKEN"],
      env: { TOKEN: "s1" },
    };
    const one = [task("b#build")];
    const before = await states({ ...global, tasks: one }, repo.root);
    await repo.write("config.json", "{ }\n");
    const after = await states(
      { ...global, tasks: one, env: { TOKEN: "s2" }, envMode: "loose" },
      repo.root,
    );
    const reasons = explainChanges(get(before, "b#build"), get(after, "b#build"));
    expect(describeMissReasons(reasons)).toEqual([
      "global files: config.json modified",
      "global env TOKEN changed",
      'envMode changed: "strict" → "loose"',
    ]);
  });

  it("leaves out a dependency that changed only for reasons the task lists itself", async () => {
    const repo = await create({
      packages: [{ name: "a", dependencies: { b: "*" } }, { name: "b" }],
    });
    const before = await states({ env: { MODE: "1" } }, repo.root);
    const after = await states({ env: { MODE: "2" } }, repo.root);
    const reasons = explainChanges(get(before, "a#build"), get(after, "a#build"), () => ({
      previous: record(get(before, "b#build")),
      current: get(after, "b#build"),
    }));
    expect(reasons).toEqual([{ kind: "env", name: "MODE", change: "changed", inferred: false }]);
  });

  it("says why a task misses when its inputs did not change", async () => {
    const repo = await create({ packages: [{ name: "a" }, { name: "b" }] });
    const state = get(await states({ tasks: [task("b#build")] }, repo.root), "b#build");
    const miss = (
      previous: TaskRecord | undefined,
      cause: "miss" | "forced" | "cache-off" = "miss",
    ) => explainMiss({ current: state, previous, cause });
    expect(miss(undefined)).toEqual([{ kind: "no-previous-run" }]);
    expect(miss(record(state), "forced")).toEqual([{ kind: "forced" }]);
    expect(miss(record(state), "cache-off")).toEqual([{ kind: "cache-off" }]);
    expect(miss(record(state, { status: "failed", exitCode: 3 }))).toEqual([
      { kind: "last-run-failed", exitCode: 3 },
    ]);
    expect(miss(record(state, { cached: false }))).toEqual([{ kind: "not-saved" }]);
    expect(miss(record(state))).toEqual([{ kind: "entry-missing", hash: state.explanation.hash }]);
    const foreign = { ...record(state), hash: "0123456789abcdef", producer: "other 1.0" };
    expect(miss(foreign)).toEqual([
      {
        kind: "unexplained",
        before: "0123456789abcdef",
        after: state.explanation.hash,
        producer: "other 1.0",
      },
    ]);
  });
});

describe("lockfile closures", () => {
  it.each([
    ["node_modules/react", "react"],
    ["node_modules/a/node_modules/@scope/b", "@scope/b"],
    ["/react@18.2.0", "react"],
    ["/@babel/core@7.24.0(supports-color@8.1.1)", "@babel/core"],
    ["@babel/core@7.24.0", "@babel/core"],
    ["react@^18.2.0", "react"],
    ["@types/node@npm:20.1.0", "@types/node"],
  ])("reads the package name of lockfile key %s", (key, name) => {
    expect(lockfilePackageName(key)).toBe(name);
  });

  it("diffs by name and version, and counts entries that only moved", () => {
    const before = [
      { key: "node_modules/react", version: "18.2.0" },
      { key: "node_modules/loose-envify", version: "1.4.0" },
      { key: "node_modules/a/node_modules/js-tokens", version: "4.0.0" },
    ];
    const after = [
      { key: "node_modules/react", version: "18.3.1" },
      { key: "node_modules/scheduler", version: "0.23.2" },
      { key: "node_modules/js-tokens", version: "4.0.0" },
    ];
    const changes = diffClosures(before, after);
    expect(changes).toEqual({
      added: ["scheduler@0.23.2"],
      removed: ["loose-envify@1.4.0"],
      changed: [{ name: "react", before: ["18.2.0"], after: ["18.3.1"] }],
      moved: ["js-tokens@4.0.0"],
    });
    expect(describeMissReason({ kind: "lockfile", changes })).toBe(
      "lockfile: react 18.2.0 → 18.3.1, added scheduler@0.23.2, removed loose-envify@1.4.0",
    );
  });
});

describe("plain words", () => {
  it.each<[MissReason, string]>([
    [{ kind: "forced" }, "forced (--force)"],
    [{ kind: "no-previous-run" }, "no previous run"],
    [
      {
        kind: "no-previous-run",
        committed: {
          sha: "0123456789abcdef0123456789abcdef01234567",
          hash: "aaaaaaaaaaaaaaaa",
          source: "REMOTE",
          changes: [{ kind: "files", modified: ["src/a.ts"], added: [], removed: [] }],
        },
      },
      "no previous run here; the remote cache has this task at commit 0123456 (aaaaaaaaaaaaaaaa); since then: src/a.ts modified",
    ],
    [
      { kind: "files", modified: ["a", "b", "c", "d", "e"], added: ["n"], removed: [] },
      "5 files modified: a, b, c and 2 more; n added",
    ],
    [
      {
        kind: "dependency",
        taskId: "lib#build",
        change: "changed",
        why: [{ kind: "files", modified: ["src/a.ts"], added: [], removed: [] }],
      },
      "dependency lib#build changed: src/a.ts modified",
    ],
    [
      { kind: "pass-through-args", before: [], after: ["--watch"] },
      "pass-through args changed: none → --watch",
    ],
    [
      {
        kind: "outputs",
        before: { inclusions: [".turbo/turbo-build.log", "dist/**"], exclusions: [] },
        after: { inclusions: [".turbo/turbo-build.log", "dist/**"], exclusions: ["dist/tmp/**"] },
      },
      'outputs changed: ["dist/**"] → ["dist/**","!dist/tmp/**"]',
    ],
    [
      { kind: "definition", key: "inputs", before: [], after: ["src/**"] },
      'turbo.json inputs changed: [] → ["src/**"]',
    ],
    [
      { kind: "root-dependencies", changes: undefined },
      "root dependencies: the root's external dependencies changed",
    ],
    [{ kind: "last-run-failed", exitCode: 1 }, "inputs unchanged; the last run failed (exit 1)"],
  ])("describes %j", (reason, words) => {
    expect(describeMissReason(reason)).toBe(words);
  });
});

describe("reading records", () => {
  it("accepts a whole record and refuses corrupt, foreign and other-version ones", async () => {
    const repo = await create({ packages: [{ name: "a" }, { name: "b" }] });
    const state = get(await states({ tasks: [task("b#build")] }, repo.root), "b#build");
    const whole = JSON.parse(JSON.stringify(record(state))) as Record<string, unknown>;
    expect(parseTaskRecord(whole)).toEqual(whole);
    expect(parseTaskRecord({ ...whole, format: "something-else" })).toBeUndefined();
    expect(parseTaskRecord({ ...whole, version: 2 })).toBeUndefined();
    expect(parseTaskRecord({ ...whole, hash: "0000000000000000" })).toBeUndefined();
    expect(parseTaskRecord({ ...whole, explanation: { taskId: "b#build" } })).toBeUndefined();
    expect(parseTaskRecord({ ...whole, outcome: { status: "weird" } })).toBeUndefined();
    expect(parseTaskRecord("not an object")).toBeUndefined();
  });
});
