import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { Parser, type ReadEntry } from "tar";

export interface FixtureEntry {
  readonly path: string;
  readonly type: "File" | "Directory" | "SymbolicLink";
  readonly mode: number;
  readonly linkpath: string;
  readonly body: Buffer;
}

/** Reads a tar with node-tar's Parser: an independent reader used as the oracle. */
export async function readWithNodeTar(tarBytes: Buffer): Promise<FixtureEntry[]> {
  const entries: FixtureEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const chunks: Buffer[] = [];
        entry.on("data", (c: Buffer) => chunks.push(c));
        entry.on("end", () => {
          entries.push({
            path: entry.path.replace(/\/$/, ""),
            type: entry.type as FixtureEntry["type"],
            mode: entry.mode ?? 0,
            linkpath: entry.linkpath ?? "",
            body: Buffer.concat(chunks),
          });
        });
      },
    });
    parser.on("error", reject);
    parser.on("end", () => {
      resolve();
    });
    parser.end(tarBytes);
  });
  return entries;
}

/**
 * Writes the tree an archive describes, bypassing any safety check (links are written
 * verbatim, even absolute or escaping ones). Modes are applied exactly, directories last.
 */
export async function writeTree(root: string, entries: readonly FixtureEntry[]): Promise<void> {
  const dirs: FixtureEntry[] = [];
  for (const e of entries) {
    const abs = path.join(root, e.path);
    await mkdir(path.dirname(abs), { recursive: true });
    if (e.type === "Directory") {
      await mkdir(abs, { recursive: true });
      dirs.push(e);
    } else if (e.type === "File") {
      await writeFile(abs, e.body);
      await chmod(abs, e.mode & 0o7777);
    } else {
      await symlink(e.linkpath, abs);
    }
  }
  for (const d of dirs.reverse()) await chmod(path.join(root, d.path), d.mode & 0o7777);
}
