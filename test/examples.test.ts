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
