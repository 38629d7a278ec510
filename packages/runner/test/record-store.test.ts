import { readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { TaskRecord } from "@turbine/hasher";
import {
  planRun,
  type RunPlan,
  TASK_RECORDS_DIR,
  taskHashState,
  taskRecord,
  TaskRecordStore,
} from "@turbine/runner/internal";
import { cleanEnv, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

const create = useTempRepos();

/** A real plan of `build` in a two-package npm repo, and its tasks' records. */
async function planned(): Promise<{ root: string; plan: RunPlan; records: TaskRecord[] }> {
  const repo = await create({
    packages: [
      { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a" } },
      { name: "b", scripts: { build: "echo b" } },
      { name: "B-upper", scripts: { build: "echo B" } },
    ],
    turbo: { globalEnv: ["G"], tasks: { build: { dependsOn: ["^build"], env: ["SECRET"] } } },
  });
  const plan = await planRun({
    cwd: repo.root,
    tasks: ["build"],
    env: cleanEnv({ SECRET: "do-not-store-me", G: "global-secret" }),
  });
  const records = [...plan.tasks.keys()].map((id) =>
    taskRecord(
      taskHashState(plan, id) ?? expect.unreachable(),
      { status: "executed", exitCode: 0, durationMs: 12, cached: true },
      Date.UTC(2025, 0, 1),
      { sha: "0".repeat(40), branch: "main" },
    ),
  );
  return { root: repo.root, plan, records };
}

/** Same JSON as a record read back (tuples and objects come back as plain JSON). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the task record store", () => {
  it("keeps one file per task id and reads each record back whole", async () => {
    const { root, records } = await planned();
    const store = TaskRecordStore.forRepo(root);
    await store.write(records);
    const files = await readdir(join(root, TASK_RECORDS_DIR, "tasks"));
    expect(files.sort()).toEqual(["%42-upper%23build.json", "a%23build.json", "b%23build.json"]);
    for (const record of records) {
      // File ids are kept to their first 16 hex digits.
      const inputs = record.explanation.inputs.map(([path, id]) => [path, id.slice(0, 16)]);
      expect(asJson(await TaskRecordStore.forRepo(root).read(record.taskId))).toEqual(
        asJson({ ...record, explanation: { ...record.explanation, inputs } }),
      );
    }
    const index = await store.index();
    expect([...index.keys()].sort()).toEqual(["B-upper#build", "a#build", "b#build"]);
    expect(index.get("a#build")?.durationMs).toBe(12);
  });

  it("writes no env value, only names and digests", async () => {
    const { root, records } = await planned();
    await TaskRecordStore.forRepo(root).write(records);
    for (const dir of ["tasks", "objects"]) {
      for (const file of await readdir(join(root, TASK_RECORDS_DIR, dir))) {
        const text = await readFile(join(root, TASK_RECORDS_DIR, dir, file), "utf8");
        expect(text).not.toContain("do-not-store-me");
        expect(text).not.toContain("global-secret");
      }
    }
  });

  it("reads a corrupt, truncated, foreign or missing record as no record", async () => {
    const { root, records } = await planned();
    const store = TaskRecordStore.forRepo(root);
    await store.write(records);
    const file = join(root, TASK_RECORDS_DIR, "tasks", "a%23build.json");
    const text = await readFile(file, "utf8");
    const cases = [
      text.slice(0, text.length / 2),
      "\u0000\u0001garbage",
      JSON.stringify({ ...JSON.parse(text), format: "someone-else" }),
      JSON.stringify({ ...JSON.parse(text), version: 99 }),
      JSON.stringify({ ...JSON.parse(text), taskId: "b#build" }),
    ];
    for (const content of cases) {
      await writeFile(file, content);
      expect(await TaskRecordStore.forRepo(root).read("a#build")).toBeUndefined();
    }
    await rm(file);
    expect(await store.read("a#build")).toBeUndefined();
    expect(await store.read("never#ran")).toBeUndefined();
  });

  it("keeps a record whose shared objects are lost, with those parts unknown", async () => {
    const { root, records } = await planned();
    await TaskRecordStore.forRepo(root).write(records);
    await rm(join(root, TASK_RECORDS_DIR, "objects"), { recursive: true });
    const read = await TaskRecordStore.forRepo(root).read("a#build");
    expect(read?.hash).toBe(records.find((r) => r.taskId === "a#build")?.hash);
    expect(read?.global).toBeNull();
    expect(read?.closure).toBeNull();
  });

  it("refuses an object name that would leave the store", async () => {
    const { root, records } = await planned();
    await TaskRecordStore.forRepo(root).write(records);
    const file = join(root, TASK_RECORDS_DIR, "tasks", "a%23build.json");
    const stored = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    // A valid object, but outside the store: only its name keeps it from being read.
    const object = join(root, TASK_RECORDS_DIR, "objects", `${stored.global ?? ""}.json`);
    await writeFile(join(root, "outside.json"), await readFile(object));
    await writeFile(file, JSON.stringify({ ...stored, global: "../../../../outside" }));
    expect((await TaskRecordStore.forRepo(root).read("a#build"))?.global).toBeNull();
  });

  it("leaves whole records and a whole index when two writers race", async () => {
    const { root, records } = await planned();
    const later = records.map((r) => ({ ...r, recordedAt: "2025-02-02T00:00:00.000Z" }));
    await Promise.all([
      TaskRecordStore.forRepo(root).write(records),
      TaskRecordStore.forRepo(root).write(later),
      TaskRecordStore.forRepo(root).write(records.slice(0, 1)),
    ]);
    const store = TaskRecordStore.forRepo(root);
    for (const record of records) expect((await store.read(record.taskId))?.hash).toBe(record.hash);
    expect((await store.index()).size).toBeGreaterThan(0);
    const leftovers = (await readdir(join(root, TASK_RECORDS_DIR, "tasks"))).filter((f) =>
      f.endsWith(".tmp"),
    );
    expect(leftovers).toEqual([]);
  });

  it("removes objects no record names once they are an hour old", async () => {
    const { root, records } = await planned();
    const store = TaskRecordStore.forRepo(root);
    await store.write(records);
    const objects = join(root, TASK_RECORDS_DIR, "objects");
    const [first] = records;
    if (first?.global === null || first === undefined) return expect.unreachable();
    // The same records with other global inputs: the old global object is no longer named.
    const moved = records.map((r) => ({
      ...r,
      global: { ...first.global, hash: "ffffffffffffffff" } as TaskRecord["global"],
    }));
    const oldGlobal = `global-${first.global.hash}.json`;
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await store.write(moved);
    expect(await readdir(objects)).toContain(oldGlobal);
    await utimes(join(objects, oldGlobal), hourAgo, hourAgo);
    await store.write(moved);
    expect(await readdir(objects)).toContain(oldGlobal);
    const changedAgain = moved.map((r) => ({
      ...r,
      global: { ...first.global, hash: "eeeeeeeeeeeeeeee" } as TaskRecord["global"],
    }));
    await store.write(changedAgain);
    expect(await readdir(objects)).not.toContain(oldGlobal);
    expect(await readdir(objects)).toContain("global-eeeeeeeeeeeeeeee.json");
  });
});
