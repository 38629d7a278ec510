import { appendFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Cache } from "@turbine/cache";
import { type RunEvent } from "@turbine/runner";
import {
  executeTask,
  type ExecuteTaskContext,
  packageManagerExecution,
  type PlannedTask,
} from "@turbine/runner/internal";
import { packageManagerOf } from "@turbine/workspace/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let root: string;
let cache: Cache;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "turbine-exec-"));
  await mkdir(join(root, "packages/p"), { recursive: true });
  cache = await Cache.create({ repoRoot: root });
});
afterEach(async () => {
  await cache.close();
  await rm(root, { recursive: true, force: true });
});

async function pkgScript(script: string): Promise<void> {
  await writeFile(
    join(root, "packages/p/package.json"),
    JSON.stringify({ name: "p", version: "1.0.0", scripts: { build: script } }),
  );
}

function planned(overrides: Partial<PlannedTask> = {}): PlannedTask {
  return {
    id: "p#build",
    package: "p",
    task: "build",
    dir: "packages/p",
    hash: "0123456789abcdef",
    script: "node build.js",
    dependencies: [],
    outputs: { inclusions: ["dist/**"], exclusions: [] },
    cache: true,
    outputLogs: "full",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    args: [],
    ...overrides,
  };
}

/** A context running scripts through npm, with the test's cache; `overrides` replace fields. */
function context(overrides: Partial<ExecuteTaskContext> = {}): ExecuteTaskContext {
  return {
    repoRoot: root,
    execution: packageManagerExecution(packageManagerOf("npm", "10.9.2")),
    manifestOf: () => ({}),
    invocationDir: root,
    cache,
    cacheRead: true,
    cacheWrite: true,
    emit: () => undefined,
    ...overrides,
  };
}

async function exec(
  task: PlannedTask,
): Promise<{ events: RunEvent[]; result: Awaited<ReturnType<typeof executeTask>> }> {
  const events: RunEvent[] = [];
  const result = await executeTask(
    task,
    context({ emit: (e) => events.push(e) }),
    new AbortController().signal,
  );
  return { events, result };
}

const outputLines = (events: RunEvent[]): string[] =>
  events.flatMap((e) => (e.type === "task-output" ? [e.line] : []));

describe("executeTask", () => {
  it("runs a miss through the package manager, keeps a raw log and caches the outputs", async () => {
    await pkgScript(
      "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.txt',process.env.TURBO_HASH);console.log('to stdout');console.error('to stderr')\"",
    );
    const { events, result } = await exec(planned());
    expect(result).toMatchObject({ status: "success", reason: "executed" });
    expect(events[0]).toMatchObject({ type: "task-status", status: { kind: "miss" } });
    expect(outputLines(events)).toEqual(expect.arrayContaining(["to stdout", "to stderr"]));
    const log = await readFile(join(root, "packages/p/.turbo/turbo-build.log"), "utf8");
    expect(log).toContain("to stdout\n");
    expect(log).not.toContain("p:build:");
    expect(await readFile(join(root, "packages/p/dist/out.txt"), "utf8")).toBe("0123456789abcdef");

    await rm(join(root, "packages/p/dist"), { recursive: true });
    const again = await exec(planned());
    expect(again.result).toMatchObject({ status: "success", reason: "cached" });
    expect(again.events[0]).toMatchObject({ status: { kind: "hit", source: "LOCAL" } });
    expect(again.events.filter((e) => e.type === "task-output").every((e) => e.replayed)).toBe(
      true,
    );
    expect(outputLines(again.events)).toEqual(expect.arrayContaining(["to stdout", "to stderr"]));
    expect(await readFile(join(root, "packages/p/dist/out.txt"), "utf8")).toBe("0123456789abcdef");
  });

  it("reports a failure with turbo's message and caches nothing", async () => {
    await pkgScript('node -e "process.exit(7)"');
    const { result } = await exec(planned());
    expect(result).toMatchObject({ status: "failure", reason: "exit-non-zero", exitCode: 7 });
    expect(result.status === "failure" ? result.message : "").toMatch(
      new RegExp(`^command \\(${root}/packages/p\\) \\S*npm run build exited \\(7\\)$`),
    );
    expect(await cache.exists("0123456789abcdef")).toBeUndefined();
  });

  it("bypasses the cache for cache: false", async () => {
    await pkgScript('node -e "console.log(1)"');
    const { events } = await exec(planned({ cache: false }));
    expect(events[0]).toMatchObject({ status: { kind: "bypass" } });
    expect(await cache.exists("0123456789abcdef")).toBeUndefined();
  });

  it("warns when the outputs matched nothing, and still caches the log", async () => {
    await pkgScript("node -e \"console.log('no files')\"");
    const { events } = await exec(planned());
    expect(events).toContainEqual({
      type: "warning",
      taskId: "p#build",
      message:
        "no output files found for task p#build. Please check your `outputs` key in `turbo.json`",
    });
    expect(await cache.exists("0123456789abcdef")).toMatchObject({ source: "LOCAL" });
  });

  it("treats a package without the script as a silent no-op", async () => {
    const { events, result } = await exec(planned({ script: undefined }));
    expect(result).toEqual({ status: "success", reason: "no-script", durationMs: 0 });
    expect(events).toEqual([]);
  });

  it("hands the args after -- to the script, quoting intact", async () => {
    await pkgScript("node args.js");
    await writeFile(
      join(root, "packages/p/args.js"),
      "console.log(JSON.stringify(process.argv.slice(2)))",
    );
    const { events } = await exec(
      planned({ args: ["--x", "y z"], outputs: { inclusions: [], exclusions: [] } }),
    );
    expect(outputLines(events)).toContain('["--x","y z"]');
  });

  it("replays a hit's log of any size line by line, one larger than a string can hold included", async () => {
    // 600 MB, sparse: "first", then zeros (one long line, replayed in pieces), then "last".
    const log = join(root, "packages/p/.turbo/turbo-build.log");
    await mkdir(join(root, "packages/p/.turbo"), { recursive: true });
    const size = 600 * 1024 * 1024;
    await writeFile(log, "first\n");
    await truncate(log, size - 6);
    await appendFile(log, "\nlast\n");
    const lines: { count: number; chars: number; first?: string; last?: string } = {
      count: 0,
      chars: 0,
    };
    const hitCache = {
      fetch: () => Promise.resolve({ source: "LOCAL" as const, durationMs: 1, files: [] }),
      put: () => Promise.resolve({}),
    };
    const result = await executeTask(
      planned(),
      context({
        cache: hitCache,
        emit: (e) => {
          if (e.type !== "task-output") return;
          lines.count++;
          lines.chars += e.line.length;
          lines.first ??= e.line;
          lines.last = e.line;
        },
      }),
      new AbortController().signal,
    );
    expect(result).toMatchObject({ status: "success", reason: "cached" });
    expect(lines.first).toBe("first");
    expect(lines.last).toBe("last");
    // Every byte but the three newlines comes back.
    expect(lines.chars).toBe(size - 3);
    expect(lines.count).toBeGreaterThan(2);
  });
});
