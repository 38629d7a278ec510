import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  globOutputs,
  logFileName,
  logFilePath,
  readLogLines,
  splitOutputs,
} from "@turbine/runner/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "turbine-outputs-"));
  const dist = join(root, "packages/a/dist");
  await mkdir(join(dist, "sub"), { recursive: true });
  await mkdir(join(dist, "empty"));
  await mkdir(join(root, "elsewhere"));
  await writeFile(join(root, "elsewhere/secret.txt"), "x");
  await writeFile(join(dist, "index.js"), "1");
  await writeFile(join(dist, "sub/data.txt"), "2");
  await writeFile(join(dist, ".hidden"), "3");
  await symlink("../../../elsewhere", join(dist, "link"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("globOutputs", () => {
  // turbo archives `dist/**` as the directory itself, every dir and file under it, and links as
  // links (spec turbo-remote-cache.md 3.3: `packages/a/dist/`, `dist/emptydir/`, …).
  it("lists matched directories as entries and never follows a symlink", async () => {
    const found = await globOutputs(root, "packages/a", splitOutputs(["dist/**"]));
    expect(found.sort()).toEqual([
      "packages/a/dist",
      "packages/a/dist/.hidden",
      "packages/a/dist/empty",
      "packages/a/dist/index.js",
      "packages/a/dist/link",
      "packages/a/dist/sub",
      "packages/a/dist/sub/data.txt",
    ]);
  });

  it("leaves out what a negated glob matches", async () => {
    const found = await globOutputs(root, "packages/a", splitOutputs(["dist/**", "!dist/sub/**"]));
    expect(found).not.toContain("packages/a/dist/sub/data.txt");
    expect(found).toContain("packages/a/dist/index.js");
  });

  it("finds nothing for a task without outputs", async () => {
    expect(await globOutputs(root, "packages/a", splitOutputs([]))).toEqual([]);
  });
});

describe("splitOutputs", () => {
  it("splits and byte-sorts inclusions and exclusions", () => {
    expect(splitOutputs(["x/**", "!x/y", "B/**", "a/**"])).toEqual({
      inclusions: ["B/**", "a/**", "x/**"],
      exclusions: ["x/y"],
    });
  });
});

describe("log files", () => {
  it("names logs as turbo does, with $colon$ for ':'", () => {
    expect(logFileName("build:prod")).toBe("turbo-build$colon$prod.log");
    expect(logFilePath("packages/web", "build")).toBe("packages/web/.turbo/turbo-build.log");
    expect(logFilePath("", "lint")).toBe(".turbo/turbo-lint.log");
  });

  const replayed = async (content: string | Buffer): Promise<string[]> => {
    const file = join(root, "replay.log");
    await writeFile(file, content);
    const lines: string[] = [];
    await readLogLines(file, (line) => lines.push(line));
    return lines;
  };

  it("replays a log without an extra blank line at the end", async () => {
    expect(await replayed("\n> a@1.0.0 build\n\nbuilt a\n")).toEqual([
      "",
      "> a@1.0.0 build",
      "",
      "built a",
    ]);
    expect(await replayed("no newline")).toEqual(["no newline"]);
    expect(await replayed("")).toEqual([]);
    expect(await replayed("\n")).toEqual([""]);
  });

  it("replays lines and UTF-8 characters that straddle the reads and decodes intact", async () => {
    const lines = Array.from(
      { length: 60_000 },
      (_, i) => `${String(i)} é€😀 ${"x".repeat(i % 97)}`,
    );
    const text = `${lines.join("\n")}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);
    expect(await replayed(text)).toEqual(lines);
  });

  it("replays nothing from a log that is not a regular file", async () => {
    await mkdir(join(root, "dir.log"));
    const lines: string[] = [];
    await readLogLines(join(root, "dir.log"), (line) => lines.push(line));
    await readLogLines(join(root, "missing.log"), (line) => lines.push(line));
    expect(lines).toEqual([]);
  });
});
