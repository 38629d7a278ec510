// node:crypto is loaded on first use (process.getBuiltinModule): it pulls in dozens of internal
// modules, and most runs never get here.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { HasherError } from "./errors.js";

/** git's blob id: `sha1("blob <len>\0" + content)`, as `git hash-object` prints it (no filters). */
export function gitBlobSha1(content: Uint8Array): string {
  return process
    .getBuiltinModule("node:crypto")
    .createHash("sha1")
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest("hex");
}

/** Reads and hashes files (root-relative paths) without git, a few at a time. */
export async function hashFilesDirectly(
  root: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const width = 32;
  for (let i = 0; i < paths.length; i += width) {
    const batch = paths.slice(i, i + width);
    const hashes = await Promise.all(
      batch.map(async (path) => {
        try {
          return gitBlobSha1(await readFile(join(root, path)));
        } catch (cause) {
          throw new HasherError("ERR_HASHER_READ_FILE", `could not read ${path} under ${root}`, {
            hint: "Check the file's permissions; it was listed a moment ago.",
            cause,
          });
        }
      }),
    );
    batch.forEach((path, j) => out.set(path, hashes[j] as string));
  }
  return out;
}
