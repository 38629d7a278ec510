import { execFile } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { LocalCache } from "@turbine/cache/internal";
import { afterEach, describe, expect, it } from "vitest";

// Memory must not grow with an entry's size: each read runs in a child process that reports
// its own peak RSS before and after the read.
const WORKER = fileURLToPath(new URL("support/read-worker.mjs", import.meta.url));
const HASH = "0123456789abcdef";
/** What a read may add to a process's peak RSS, whatever the entry's size. */
const BUDGET_KIB = 64 * 1024;

let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function measuredRead(
  repoRoot: string,
): Promise<{ status: string; files: string[]; grewKiB: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, repoRoot, HASH], {
    maxBuffer: 1 << 20,
  });
  const out = JSON.parse(stdout) as {
    status: string;
    files: string[];
    before: number;
    after: number;
  };
  return { status: out.status, files: out.files, grewKiB: out.after - out.before };
}

/** Writes `mib` MiB of random bytes to `file` without holding them in memory. */
function writeRandom(file: string, mib: number): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) writeSync(fd, randomFillSync(chunk));
  closeSync(fd);
}

/** `text` followed by spaces up to `mb` MB: the same JSON value, any size. */
async function pad(file: string, mb: number): Promise<void> {
  const text = (await readFile(file, "utf8")).trimEnd();
  const fd = openSync(file, "w");
  writeSync(fd, text);
  const spaces = Buffer.alloc(1 << 20, 0x20);
  for (let i = 0; i < mb; i++) writeSync(fd, spaces);
  closeSync(fd);
}

describe("large entries are read in bounded memory", () => {
  it("restores a 256 MiB incompressible output without growing with it", async () => {
    root = await mkdtemp(join(tmpdir(), "turbine-large-"));
    await mkdir(join(root, "out"));
    writeRandom(join(root, "out/big.bin"), 256);
    const cache = await LocalCache.create({ repoRoot: root });
    await cache.put(HASH, { paths: ["out", "out/big.bin"], durationMs: 1 });
    await cache.close();
    await rm(join(root, "out"), { recursive: true });
    const read = await measuredRead(root);
    expect(read.status).toBe("hit");
    expect((await stat(join(root, "out/big.bin"))).size).toBe(256 * 1024 * 1024);
    expect(read.grewKiB).toBeLessThan(BUDGET_KIB);
  });

  it("reads a -meta.json and a -manifest.json padded to 150 MB each, still a hit", async () => {
    root = await mkdtemp(join(tmpdir(), "turbine-large-"));
    await writeFile(join(root, "out.txt"), "out");
    const cache = await LocalCache.create({ repoRoot: root });
    await cache.put(HASH, { paths: ["out.txt"], durationMs: 1 });
    await cache.close();
    const files = cache.files(HASH);
    await pad(files.meta, 150);
    await pad(files.manifest, 150);
    const read = await measuredRead(root);
    expect(read).toMatchObject({ status: "hit", files: ["out.txt"] });
    expect(read.grewKiB).toBeLessThan(BUDGET_KIB);
  });
});
