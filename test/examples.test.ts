import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { exec, turbineRoot } from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

describe("examples/library", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("runs the step on a miss and restores its output on a hit", async () => {
    const work = realpathSync(mkdtempSync(path.join(tmpdir(), "turbine-library-")));
    dirs.push(work);
    const example = path.join(turbineRoot(), "examples", "library");
    cpSync(path.join(example, "assets"), path.join(work, "assets"), { recursive: true });
    const script = path.join(example, "cache-step.mjs");
    const run = () => exec(process.execPath, [script, work], { cwd: example });

    const first = await run();
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^cache miss [0-9a-f]{16}: running /);
    const counts = readFileSync(path.join(work, "out", "counts.txt"), "utf8");
    expect(counts).toMatch(/3 turbine/);

    rmSync(path.join(work, "out"), { recursive: true });
    const second = await run();
    expect(second.stdout).toMatch(/^cache hit [0-9a-f]{16}: restored out, out\/counts.txt/);
    expect(readFileSync(path.join(work, "out", "counts.txt"), "utf8")).toBe(counts);

    await exec("sh", ["-c", "echo hash >> assets/words.txt"], { cwd: work });
    const third = await run();
    expect(third.stdout).toMatch(/^cache miss /);
  });
});

describe("examples/with-remote-cache", () => {
  it("restores every task of a second fresh clone from the signed remote cache", async () => {
    const example = path.join(turbineRoot(), "examples", "with-remote-cache");
    const result = await exec(process.execPath, [path.join(example, "run.mjs")], {
      cwd: example,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(result.code).toBe(0);
    const [first, second] = result.stdout.split("=== turbine run build in second-clone");
    expect(first).toContain("Remote caching enabled");
    expect(first).toContain("web:build: cache miss, executing");
    expect(second).toMatch(/web:build: cache hit, replaying logs [0-9a-f]{16}/);
    expect(second).toContain("Cached:    3 cached, 3 total");
    expect(second).toContain(">>> FULL TURBO");
  });
});
