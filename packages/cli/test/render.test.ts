import {
  formatDuration,
  LogRenderer,
  recordLog,
  runFailedLine,
  runFooter,
  runHeader,
  statusLine,
  textLog,
} from "@turbine/cli/internal";
import type { RunEvent, TaskResult } from "@turbine/runner";
import { describe, expect, it } from "vitest";

// Golden lines are turbo 2.11.13's, from spec section 4.3 (`turbo-hashing.md`) and its stream
// output on an npm repo (a depends on b).
describe("runFooter", () => {
  it("aligns labels to `Cached:` and leaves the trailing space on the time line", () => {
    expect(
      runFooter({ successful: 1, attempted: 2, cached: 0, durationMs: 604, failed: [] }),
    ).toEqual([
      "",
      " Tasks:    1 successful, 2 total",
      "Cached:    0 cached, 2 total",
      "  Time:    604ms ",
      "",
    ]);
  });

  it("says >>> FULL TURBO when every task was a hit", () => {
    expect(
      runFooter({ successful: 3, attempted: 3, cached: 3, durationMs: 11, failed: [] })[3],
    ).toBe("  Time:    11ms >>> FULL TURBO");
  });

  it("aligns to `Summary:` and lists failures after it, sorted, as turbo does", () => {
    expect(
      runFooter({
        successful: 0,
        attempted: 2,
        cached: 0,
        durationMs: 1532,
        failed: ["c#build", "a#build"],
        summaryPath: "/r/.turbo/runs/x.json",
      }),
    ).toEqual([
      "",
      "  Tasks:    0 successful, 2 total",
      " Cached:    0 cached, 2 total",
      "   Time:    1.532s ",
      "Summary:    /r/.turbo/runs/x.json",
      " Failed:    a#build, c#build",
      "",
    ]);
  });

  it("does not claim FULL TURBO for an empty run", () => {
    expect(
      runFooter({ successful: 0, attempted: 0, cached: 0, durationMs: 5, failed: [] })[3],
    ).toBe("  Time:    5ms ");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [604, "604ms"],
    [999, "999ms"],
    [1000, "1.000s"],
    [1221, "1.221s"],
    [61_500, "1m1.500s"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("runHeader", () => {
  const texts = (input: Parameters<typeof runHeader>[0]): string[] =>
    runHeader(input).map((line) => line.text);

  it("makes an unavailable remote cache a warning, as turbo prints it on stderr", () => {
    const lines = runHeader({
      product: "turbine 0.1.0",
      packagesInScope: ["a"],
      taskNames: ["build"],
      singlePackage: false,
      remoteCache: { text: 'Remote caching unavailable (Could not connect to "x")', level: "warn" },
    });
    expect(lines.filter((line) => line.warn).map((line) => line.text)).toEqual([
      '   \u2022 Remote caching unavailable (Could not connect to "x")',
    ]);
    expect(lines.filter((line) => !line.warn)).toHaveLength(5);
  });

  it("prints turbo's bullets with the product name", () => {
    const lines = texts({
      product: "turbine 0.1.0",
      packagesInScope: ["a", "b", "web"],
      taskNames: ["build"],
      singlePackage: false,
      remoteCache: { text: "Remote caching disabled", level: "info" },
    });
    expect(lines).toEqual([
      "",
      "   \u2022 turbine 0.1.0",
      "   \u2022 Packages in scope: a, b, web",
      "   \u2022 Running build in 3 packages",
      "   \u2022 Remote caching disabled",
      "",
    ]);
  });

  it("uses the singular for one package and drops the scope in single-package mode", () => {
    const base = {
      product: "turbine 0.1.0",
      taskNames: ["build", "dev"],
      remoteCache: { text: "Remote caching disabled", level: "info" as const },
    };
    expect(texts({ ...base, packagesInScope: ["web"], singlePackage: false })[3]).toBe(
      "   \u2022 Running build, dev in 1 package",
    );
    expect(texts({ ...base, packagesInScope: [], singlePackage: true })).toEqual([
      "",
      "   \u2022 turbine 0.1.0",
      "   \u2022 Running build, dev",
      "   \u2022 Remote caching disabled",
      "",
    ]);
  });
});

describe("statusLine", () => {
  it.each([
    ["hit", "full", "cache hit, replaying logs 6f7dc2f71084b815"],
    ["hit", "new-only", "cache hit, suppressing logs 6f7dc2f71084b815"],
    ["hit", "hash-only", "cache hit, suppressing logs 6f7dc2f71084b815"],
    ["hit", "errors-only", undefined],
    ["miss", "full", "cache miss, executing 6f7dc2f71084b815"],
    ["bypass", "full", "cache bypass, force executing 6f7dc2f71084b815"],
    ["miss", "none", undefined],
  ] as const)("prints a %s in %s mode as turbo does", (kind, mode, line) => {
    const status = kind === "hit" ? { kind, source: "LOCAL" as const, timeSavedMs: 1 } : { kind };
    expect(statusLine(status, "6f7dc2f71084b815", mode)).toBe(line);
  });
});

describe("LogRenderer", () => {
  const start = (
    taskId: string,
    kind: "hit" | "miss",
    outputLogs: "full" | "errors-only" | "new-only" = "full",
  ): RunEvent => {
    const [pkg = "", task = ""] = taskId.split("#");
    return {
      type: "task-status",
      taskId,
      package: pkg,
      task,
      hash: "7e904e53ccb20091",
      status: kind === "hit" ? { kind, source: "LOCAL", timeSavedMs: 3 } : { kind },
      outputLogs,
    };
  };
  const line = (taskId: string, text: string, replayed = false): RunEvent => ({
    type: "task-output",
    taskId,
    line: text,
    replayed,
  });
  const ok: RunEvent = {
    type: "task-end",
    taskId: "b#build",
    result: { status: "success", reason: "executed", durationMs: 1 },
  };

  function render(
    events: RunEvent[],
    options: Partial<ConstructorParameters<typeof LogRenderer>[0]> = {},
  ): { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const renderer = new LogRenderer({
      logOrder: "stream",
      logPrefix: "task",
      continueMode: "never",
      log: textLog(
        (l) => out.push(l),
        (l) => err.push(l),
      ),
      ...options,
    });
    for (const event of events) renderer.handle(event);
    renderer.flushErrors();
    return { out, err };
  }

  it("prefixes lines with pkg:task as they stream", () => {
    const { out } = render([
      start("b#build", "miss"),
      line("b#build", "built b"),
      line("b#build", ""),
      ok,
    ]);
    expect(out).toEqual([
      "b:build: cache miss, executing 7e904e53ccb20091",
      "b:build: built b",
      "b:build: ",
    ]);
  });

  it("drops the prefix everywhere with --log-prefix=none", () => {
    const { out } = render([start("b#build", "hit"), line("b#build", "> build", true), ok], {
      logPrefix: "none",
    });
    expect(out).toEqual(["cache hit, replaying logs 7e904e53ccb20091", "> build"]);
  });

  it("holds a task's lines until it ends in grouped order", () => {
    const { out } = render(
      [
        start("b#build", "miss"),
        start("a#build", "miss"),
        line("b#build", "1"),
        line("a#build", "2"),
        ok,
      ],
      { logOrder: "grouped" },
    );
    expect(out).toEqual(["b:build: cache miss, executing 7e904e53ccb20091", "b:build: 1"]);
  });

  it("shows errors-only output only for a failed task, then turbo's ERROR line on stderr", () => {
    const failed: RunEvent = {
      type: "task-end",
      taskId: "c#build",
      result: {
        status: "failure",
        reason: "exit-non-zero",
        exitCode: 3,
        durationMs: 5,
        message: "command (/abs/packages/c) /usr/bin/npm run build exited (3)",
      },
    };
    const { out, err } = render([
      start("b#build", "miss", "errors-only"),
      line("b#build", "fine"),
      ok,
      start("c#build", "miss", "errors-only"),
      line("c#build", "boom"),
      failed,
    ]);
    expect(out).toEqual(["c:build: cache miss, executing 7e904e53ccb20091", "c:build: boom"]);
    expect(err).toEqual([
      "c#build:  ERROR  command (/abs/packages/c) /usr/bin/npm run build exited (3)",
    ]);
  });

  it("prints --explain's reasons after the status line, even where errors-only hides the rest", () => {
    const explained = (taskId: string, outputLogs: "full" | "errors-only"): RunEvent =>
      ({
        ...start(taskId, "miss", outputLogs),
        explanation: {
          previous: null,
          reasons: [
            { kind: "files", modified: ["src/a.ts"], added: [], removed: [] },
            { kind: "env", name: "API_URL", change: "changed", inferred: false },
          ],
        },
      }) as RunEvent;
    const events = [explained("b#build", "full"), line("b#build", "built"), ok];
    const expected = [
      "b:build: cache miss, executing 7e904e53ccb20091",
      "b:build: why: src/a.ts modified",
      "b:build: why: env API_URL changed",
      "b:build: built",
    ];
    for (const logOrder of ["stream", "grouped"] as const) {
      expect(render(events, { logOrder, explain: true }).out).toEqual(expected);
    }
    expect(render(events).out).toEqual([expected[0], expected[3]]);
    const quiet = [explained("b#build", "errors-only"), line("b#build", "built"), ok];
    for (const logOrder of ["stream", "grouped"] as const) {
      expect(render(quiet, { logOrder, explain: true }).out).toEqual(expected.slice(1, 3));
    }
  });

  it("warns that it continues after a failure with --continue", () => {
    const failed: RunEvent = {
      type: "task-end",
      taskId: "web#build",
      result: {
        status: "failure",
        reason: "exit-non-zero",
        exitCode: 4,
        durationMs: 5,
        message: "command (/r/packages/web) /usr/bin/npm run build exited (4)",
      },
    };
    const { err } = render([start("web#build", "miss"), failed], { continueMode: "always" });
    expect(err).toEqual([
      "web#build:  WARNING  command finished with error, but continuing...",
      "web#build:  ERROR  command (/r/packages/web) /usr/bin/npm run build exited (4)",
    ]);
  });

  it("keeps failed tasks' ERROR lines for the end, in failure order", () => {
    const failure = (taskId: string, exitCode: number): RunEvent => ({
      type: "task-end",
      taskId,
      result: {
        status: "failure",
        reason: "exit-non-zero",
        exitCode,
        durationMs: 5,
        message: `command (/r/${taskId}) npm run build exited (${exitCode})`,
      },
    });
    const err: string[] = [];
    const renderer = new LogRenderer({
      logOrder: "stream",
      logPrefix: "task",
      continueMode: "always",
      log: textLog(
        () => undefined,
        (l) => err.push(l),
      ),
    });
    for (const event of [start("web#build", "miss"), start("a#build", "miss")]) {
      renderer.handle(event);
    }
    renderer.handle(failure("web#build", 2));
    renderer.handle(failure("a#build", 1));
    expect(err).toEqual([
      "web#build:  WARNING  command finished with error, but continuing...",
      "a#build:  WARNING  command finished with error, but continuing...",
    ]);
    renderer.flushErrors();
    expect(err.slice(2)).toEqual([
      "web#build:  ERROR  command (/r/web#build) npm run build exited (2)",
      "a#build:  ERROR  command (/r/a#build) npm run build exited (1)",
    ]);
  });

  it("writes turbo's structured records: no empty task lines, warnings and errors as turbo", () => {
    const records: unknown[] = [];
    const renderer = new LogRenderer({
      logOrder: "stream",
      logPrefix: "task",
      continueMode: "always",
      log: recordLog(
        (r) => records.push(r),
        () => 7,
      ),
    });
    renderer.handle(start("b#build", "miss"));
    renderer.handle(line("b#build", ""));
    renderer.handle(line("b#build", "\u001b[31mred\u001b[39m"));
    renderer.handle({
      type: "task-end",
      taskId: "b#build",
      result: {
        status: "failure",
        reason: "exit-non-zero",
        exitCode: 1,
        durationMs: 1,
        message: "command (/r/b) npm run build exited (1)",
      },
    });
    renderer.flushErrors();
    expect(records).toEqual([
      {
        source: "b#build",
        level: "stdout",
        timestamp: 7,
        text: "cache miss, executing 7e904e53ccb20091",
      },
      { source: "b#build", level: "stdout", timestamp: 7, text: "red" },
      {
        source: "turbo",
        level: "warn",
        timestamp: 7,
        text: "command finished with error, but continuing...",
      },
      {
        source: "turbo",
        level: "error",
        timestamp: 7,
        text: "command (/r/b) npm run build exited (1)",
      },
    ]);
  });

  it("suppresses replayed logs of a hit in new-only mode", () => {
    const { out } = render([start("b#build", "hit", "new-only"), line("b#build", "old", true), ok]);
    expect(out).toEqual(["b:build: cache hit, suppressing logs 7e904e53ccb20091"]);
  });
});

describe("runFailedLine (turbo leaves the command empty: `run failed: command  exited (1)`)", () => {
  const failure = (
    reason: "exit-non-zero" | "spawn-error" | "cancelled",
    exitCode: number,
    message?: string,
  ) =>
    ({
      status: "failure",
      reason,
      exitCode,
      durationMs: 1,
      ...(message === undefined ? {} : { message }),
    }) as const;
  const line = (exitCode: number, results: [string, TaskResult][]) =>
    runFailedLine({ exitCode, results: new Map(results) });

  it("names the command whose exit code the run returns", () => {
    expect(
      line(3, [
        [
          "a#build",
          failure("exit-non-zero", 1, "command (/r/a) /usr/bin/npm run build exited (1)"),
        ],
        [
          "b#build",
          failure("exit-non-zero", 3, "command (/r/b) /usr/bin/npm run build exited (3)"),
        ],
      ]),
    ).toBe(" ERROR  run failed: command (/r/b) /usr/bin/npm run build exited (3)");
  });

  it("names the task and the reason when no command ran to an exit code", () => {
    expect(line(1, [["a#build", failure("spawn-error", 1, "spawn npm ENOENT")]])).toBe(
      " ERROR  run failed: a#build: spawn npm ENOENT",
    );
    expect(line(1, [["a#build", failure("cancelled", 1)]])).toBe(
      " ERROR  run failed: a#build: cancelled",
    );
    expect(line(1, [])).toBe(
      " ERROR  run failed: the run was stopped before its tasks finished (exit 1)",
    );
  });
});
