// node:crypto is loaded on first use (process.getBuiltinModule): it pulls in dozens of internal
// modules, and most runs never get here.
import { copyFile, link, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A unique sibling name for staging `target`: same directory (so rename is atomic), hidden, and
 * unique per process and call so concurrent writers never share a temp file.
 */
export function stagingPath(target: string): string {
  const nonce = process.getBuiltinModule("node:crypto").randomBytes(6).toString("hex");
  return join(dirname(target), `.${basename(target)}.${String(process.pid)}.${nonce}.tmp`);
}

/** Writes `data` to a staging file and renames it over `target`: readers see old or new, whole. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const staging = stagingPath(target);
  try {
    await writeFile(staging, data);
    await rename(staging, target);
  } catch (error) {
    await removeQuietly(staging);
    throw error;
  }
}

/**
 * Places a copy of `source` at `target` atomically and leaves `source` in place: a hard link when
 * the file system allows, a copy otherwise, always through a staging name and a rename.
 */
export async function installCopy(source: string, target: string): Promise<void> {
  const staging = stagingPath(target);
  try {
    try {
      await link(source, staging);
    } catch {
      await copyFile(source, staging);
    }
    await rename(staging, target);
  } catch (error) {
    await removeQuietly(staging);
    throw error;
  }
}

/** Moves `source` to `target` atomically (same file system), falling back to copy + remove. */
export async function installMove(source: string, target: string): Promise<void> {
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await installCopy(source, target);
    await removeQuietly(source);
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true, recursive: true }).catch(() => undefined);
}
