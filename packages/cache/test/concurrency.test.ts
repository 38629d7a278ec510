import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseMeta } from "@turbine/cache";
import { LocalCache } from "@turbine/cache/internal";
import { afterEach, describe, expect, it } from "vitest";

import {
  removeSampleOutputs,
  SAMPLE_PATHS,
  snapshot,
  tempDir,
  writeSampleOutputs,
} from "./support/sample-outputs.js";

const WORKER = fileURLToPath(new URL("support/put-worker.mjs", import.meta.url));
const HASH = "feedfacecafebeef";

function putInChild(cacheDir: string, anchor: string, duration: number, iterations: number) {
  const args = [WORKER, cacheDir, anchor, HASH, String(duration), String(iterations)];
  const child = spawn(process.execPath, [...args, JSON.stringify(SAMPLE_PATHS)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`put worker exited ${String(code)}: ${stderr}`));
    });
  });
}

describe("local cache under concurrent processes", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function twoWriters() {
    const [cacheDir, a, b, reader] = await Promise.all([
      tempDir(),
      tempDir(),
      tempDir(),
      tempDir(),
    ]);
    dirs.push(cacheDir, a, b, reader);
    await writeSampleOutputs(a, "writer-a");
    await writeSampleOutputs(b, "writer-b");
    const variants = [await snapshot(a, SAMPLE_PATHS), await snapshot(b, SAMPLE_PATHS)];
    return { cacheDir, a, b, reader, variants };
  }

  it("leaves one valid entry when two processes put the same hash at once", async () => {
    const { cacheDir, a, b, reader, variants } = await twoWriters();
    await Promise.all([putInChild(cacheDir, a, 111, 15), putInChild(cacheDir, b, 222, 15)]);

    expect((await readdir(cacheDir)).sort()).toEqual(
      [`${HASH}-manifest.json`, `${HASH}-meta.json`, `${HASH}.tar.zst`].sort(),
    );
    const meta = parseMeta(await readFile(join(cacheDir, `${HASH}-meta.json`), "utf8"));
    expect([111, 222]).toContain(meta?.durationMs);
    const cache = await LocalCache.create({ repoRoot: reader, cacheDir });
    expect(await cache.fetch(HASH)).toBeDefined();
    expect(variants).toContainEqual(await snapshot(reader, SAMPLE_PATHS));
  });

  it("shows a reader racing two writers either a miss or a whole entry", async () => {
    const { cacheDir, a, b, reader, variants } = await twoWriters();
    const cache = await LocalCache.create({ repoRoot: reader, cacheDir });
    const state = { done: false };
    const writers = Promise.all([
      putInChild(cacheDir, a, 111, 25),
      putInChild(cacheDir, b, 222, 25),
    ]).finally(() => (state.done = true));
    // Collect what the reader saw; assert only after the writers are done.
    const seen: string[] = [];
    while (!state.done) {
      await removeSampleOutputs(reader);
      const read = await cache.read(HASH);
      if (read.status !== "hit") seen.push(read.status);
      else {
        const restored = await snapshot(reader, SAMPLE_PATHS);
        seen.push(
          variants.some((v) => JSON.stringify(v) === JSON.stringify(restored)) ? "hit" : "torn",
        );
      }
    }
    await writers;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s !== "hit" && s !== "miss")).toEqual([]);
    await removeSampleOutputs(reader);
    expect((await cache.read(HASH)).status).toBe("hit");
    expect(variants).toContainEqual(await snapshot(reader, SAMPLE_PATHS));
  });
});
