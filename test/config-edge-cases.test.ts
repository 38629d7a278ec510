import { execFileSync } from "node:child_process";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { cleanEnv, exec, runTurbo, type TempRepo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// turbo.json as a hostile or broken repo may hold it: with a byte order mark, nested 100,000
// deep, not a file at all, or 10 MB large. Side by side with turbo where turbo has an answer.

const create = useTempRepos();
const PEAK_RSS = fileURLToPath(new URL("support/peak-rss.mjs", import.meta.url));
const TURBO_JSON = { tasks: { build: { outputs: ["dist/**"] } } };

async function repo(): Promise<TempRepo> {
  return create({ packages: [{ name: "a", scripts: { build: "echo built" } }], turbo: TURBO_JSON });
}

/** What a fatal error must look like: ` x <message>`, exit 1, and no stack trace. */
function expectClearError(ran: { code: number; stderr: string }, message: string): void {
  expect(ran.code).toBe(1);
  expect(ran.stderr).toContain(`  x ${message}`);
  expect(ran.stderr).not.toMatch(/^ {4}at /m); // a V8 stack frame
  expect(ran.stderr).not.toContain("RangeError");
}

describe("turbo.json edge cases", () => {
  it("accepts a UTF-8 byte order mark, as turbo does", async () => {
    const r = await repo();
    await writeFile(r.path("turbo.json"), `\uFEFF${JSON.stringify(TURBO_JSON)}`);
    const args = ["run", "build", "--dry=json"];
    const turbo = await runTurbo(r.root, args);
    expect(turbo.code).toBe(0);
    const ours = await runTurbine(r.root, args);
    expect(ours.code, ours.stderr).toBe(0);
    expect(JSON.parse(ours.stdout)).toMatchObject({ tasks: [{ taskId: "a#build" }] });
  });

  it("refuses 100,000 levels of nesting with a clear error (turbo crashes)", async () => {
    const r = await repo();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    await writeFile(r.path("turbo.json"), `{"tasks":{"build":{}},"x":${deep}}`);
    const turbo = await runTurbo(r.root, ["run", "build", "--dry"], { timeoutMs: 60_000 });
    expect(turbo.code).not.toBe(0);
    expectClearError(
      await runTurbine(r.root, ["run", "build", "--dry"]),
      "turbo.json:1:282: objects and arrays nest more than 256 levels deep",
    );
  });

  it.each([
    ["a directory", (path: string) => mkdir(path), "turbo.json is a directory, not a file"],
    [
      "a FIFO",
      (path: string) => {
        execFileSync("mkfifo", [path]);
        return Promise.resolve();
      },
      "turbo.json is a FIFO (named pipe), not a file",
    ],
    [
      "a link to /dev/zero",
      (path: string) => symlink("/dev/zero", path),
      "turbo.json is a link to /dev/zero, a character device, not a file",
    ],
  ])("says what is wrong when turbo.json is %s, at once", async (_, make, message) => {
    const r = await repo();
    await rm(r.path("turbo.json"));
    await make(r.path("turbo.json"));
    const start = Date.now();
    expectClearError(await runTurbine(r.root, ["run", "build"]), message);
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it("reads a 10 MB turbo.json in bounded memory", async () => {
    const r = await repo();
    // 400,000 globalEnv names: every one is also matched against the environment.
    const names = Array.from({ length: 400_000 }, (_, i) => `ENV_VARIABLE_NUMBER_${String(i)}`);
    await writeFile(
      r.path("turbo.json"),
      JSON.stringify({ ...TURBO_JSON, globalEnv: names }, null, 2),
    );
    const ran = await exec(process.execPath, [PEAK_RSS, "run", "build", "--dry=json"], {
      cwd: r.root,
      env: cleanEnv(),
      timeoutMs: 300_000,
    });
    const last = JSON.parse(ran.stderr.trim().split("\n").at(-1) ?? "{}") as {
      exitCode: number;
      maxRssKiB: number;
    };
    expect(last.exitCode).toBe(0);
    // Before: 590 MB (one regex of 400,000 alternatives, a syntax tree of every value).
    expect(last.maxRssKiB / 1024).toBeLessThan(420);
  });
});
