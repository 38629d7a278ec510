import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach } from "vitest";

/** Registers cleanup and returns a factory of fresh temp directories (realpath'd). */
export function useTempDirs(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    const dirs = made.splice(0);
    for (const dir of dirs) {
      await chmodTree(dir);
      await rm(dir, { recursive: true, force: true });
    }
  });
  return async (prefix = "artifact-") => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Makes every directory writable again so a test that restored 0500 dirs can clean up. */
async function chmodTree(dir: string): Promise<void> {
  const { readdir, chmod, lstat } = await import("node:fs/promises");
  const st = await lstat(dir).catch(() => undefined);
  if (st?.isDirectory() !== true) return;
  await chmod(dir, 0o755);
  for (const name of await readdir(dir)) await chmodTree(path.join(dir, name));
}
