import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { TaskResult } from "@turbine/runner";
import { RunnerError } from "@turbine/runner";
import type { SchedulableTask } from "@turbine/runner/internal";
import { schedule, spawnTask } from "@turbine/runner/internal";
import { isProcessAlive } from "@turbine/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "turbine-schedule-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A task whose process is real: `node -e <code>`, with its output collected. */
function nodeTask(
  code: string,
  signal: AbortSignal,
  onLine: (line: string) => void = () => undefined,
): Promise<TaskResult> {
  return spawnTask({
    command: process.execPath,
    args: ["-e", code],
    cwd: dir,
    env: { PATH: process.env.PATH ?? "" },
    signal,
    onLine,
    killGraceMs: 500,
  });
}

const chain: SchedulableTask[] = [
  { id: "app#build", dependencies: ["lib#build"] },
  { id: "lib#build", dependencies: ["util#build"] },
  { id: "util#build", dependencies: [] },
];

describe("schedule", () => {
  it("starts a task only after its dependencies finished", async () => {
    const events: string[] = [];
    await schedule({
      tasks: chain,
      concurrency: 10,
      continueMode: "never",
      execute: async (id, signal) => {
        events.push(`start ${id}`);
        const result = await nodeTask("setTimeout(() => {}, 30)", signal);
        events.push(`end ${id}`);
        return result;
      },
    });
    expect(events).toEqual([
      "start util#build",
      "end util#build",
      "start lib#build",
      "end lib#build",
      "start app#build",
      "end app#build",
    ]);
  });

  it("never runs more tasks at once than the concurrency limit", async () => {
    let running = 0;
    let peak = 0;
    const tasks = ["a", "b", "c", "d", "e"].map((id) => ({ id, dependencies: [] }));
    const results = await schedule({
      tasks,
      concurrency: 2,
      continueMode: "never",
      execute: async (_id, signal) => {
        running++;
        peak = Math.max(peak, running);
        const result = await nodeTask("setTimeout(() => {}, 40)", signal);
        running--;
        return result;
      },
    });
    expect(peak).toBe(2);
    expect([...results.values()].every((r) => r.status === "success")).toBe(true);
  });

  it("with --parallel ignores dependencies and the limit", async () => {
    let running = 0;
    let peak = 0;
    await schedule({
      tasks: chain,
      concurrency: 1,
      continueMode: "never",
      parallel: true,
      execute: async (_id, signal) => {
        running++;
        peak = Math.max(peak, running);
        const result = await nodeTask("setTimeout(() => {}, 60)", signal);
        running--;
        return result;
      },
    });
    expect(peak).toBe(3);
  });

  it("stops running tasks and skips the rest on the first failure in never mode", async () => {
    const tasks: SchedulableTask[] = [
      { id: "fail", dependencies: [] },
      { id: "slow", dependencies: [] },
      { id: "after-fail", dependencies: ["fail"] },
      { id: "after-slow", dependencies: ["slow"] },
    ];
    const started = Date.now();
    const results = await schedule({
      tasks,
      concurrency: 10,
      continueMode: "never",
      execute: (id, signal) =>
        nodeTask(
          id === "fail" ? "setTimeout(() => process.exit(3), 50)" : "setTimeout(() => {}, 20000)",
          signal,
        ),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(results.get("fail")).toMatchObject({
      status: "failure",
      reason: "exit-non-zero",
      exitCode: 3,
    });
    expect(results.get("slow")).toMatchObject({ status: "failure", reason: "cancelled" });
    expect(results.get("after-fail")).toEqual({ status: "skipped", reason: "dependency-failed" });
    expect(results.get("after-slow")).toEqual({ status: "skipped", reason: "dependency-failed" });
  });

  it("runs independent tasks but skips dependents of a failure with dependencies-successful", async () => {
    const tasks: SchedulableTask[] = [
      { id: "fail", dependencies: [] },
      { id: "other", dependencies: [] },
      { id: "after-fail", dependencies: ["fail"] },
      { id: "after-after", dependencies: ["after-fail"] },
      { id: "after-other", dependencies: ["other"] },
    ];
    const results = await schedule({
      tasks,
      concurrency: 1,
      continueMode: "dependencies-successful",
      execute: (id, signal) => nodeTask(id === "fail" ? "process.exit(2)" : "", signal),
    });
    expect(results.get("fail")).toMatchObject({ status: "failure", exitCode: 2 });
    expect(results.get("other")).toMatchObject({ status: "success" });
    expect(results.get("after-other")).toMatchObject({ status: "success" });
    expect(results.get("after-fail")).toEqual({ status: "skipped", reason: "dependency-failed" });
    expect(results.get("after-after")).toEqual({ status: "skipped", reason: "dependency-failed" });
  });

  it("runs dependents of a failure in always mode", async () => {
    const results = await schedule({
      tasks: chain,
      concurrency: 4,
      continueMode: "always",
      execute: (id, signal) => nodeTask(id === "util#build" ? "process.exit(5)" : "", signal),
    });
    expect(results.get("util#build")).toMatchObject({ status: "failure", exitCode: 5 });
    expect(results.get("lib#build")).toMatchObject({ status: "success", reason: "executed" });
    expect(results.get("app#build")).toMatchObject({ status: "success", reason: "executed" });
  });

  it("kills the whole process tree of running tasks when the caller aborts", async () => {
    const pidFile = join(dir, "grandchild.pid");
    const controller = new AbortController();
    const grandchild = `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })`;
    const code = `const c = ${grandchild}; require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); console.log('ready'); setTimeout(() => {}, 30000)`;
    const results = await schedule({
      tasks: [
        { id: "tree", dependencies: [] },
        { id: "later", dependencies: ["tree"] },
      ],
      concurrency: 10,
      continueMode: "always",
      signal: controller.signal,
      execute: (id, signal) =>
        nodeTask(code, signal, (line) => {
          if (line === "ready") controller.abort();
        }),
    });
    expect(results.get("tree")).toMatchObject({ status: "failure", reason: "cancelled" });
    expect(results.get("later")).toEqual({ status: "skipped", reason: "run-stopped" });
    const pid = Number(await readFile(pidFile, "utf8"));
    await expect.poll(() => isProcessAlive(pid), { timeout: 3000 }).toBe(false);
  });

  it("reports a spawn error as a failure with exit code 1", async () => {
    const results = await schedule({
      tasks: [{ id: "missing", dependencies: [] }],
      concurrency: 1,
      continueMode: "never",
      execute: (_id, signal) =>
        spawnTask({
          command: "turbine-no-such-binary",
          args: [],
          cwd: dir,
          env: {},
          signal,
          onLine: () => undefined,
        }),
    });
    expect(results.get("missing")).toMatchObject({
      status: "failure",
      reason: "spawn-error",
      exitCode: 1,
    });
  });

  it("refuses a cyclic graph before starting anything", async () => {
    let started = 0;
    const run = schedule({
      tasks: [
        { id: "a", dependencies: ["b"] },
        { id: "b", dependencies: ["a"] },
        { id: "c", dependencies: [] },
      ],
      concurrency: 1,
      continueMode: "never",
      execute: () => {
        started++;
        return Promise.resolve({ status: "success", reason: "executed", durationMs: 0 });
      },
    });
    await expect(run).rejects.toThrow(RunnerError);
    await expect(run).rejects.toMatchObject({ code: "ERR_RUNNER_GRAPH_CYCLE" });
    expect(started).toBe(0);
  });
});
