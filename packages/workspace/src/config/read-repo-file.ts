import { constants, type Stats } from "node:fs";
import { open, readlink } from "node:fs/promises";
import path from "node:path";

import { describeError } from "@turbine/errors";

import { WorkspaceError } from "../errors.js";
import type { ConfigFileReader } from "./load-turbo-config.js";

/** The largest turbo.json read (turbo has no bound; real ones are a few KiB). */
export const CONFIG_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The file-system edge for `loadTurboConfig`: reads repo-relative paths under `root`. A missing
 * file is undefined. One that exists but is not a regular file (a directory, a FIFO, a link to
 * `/dev/zero`) or is larger than `CONFIG_MAX_BYTES` is a `WorkspaceError` saying what it is: it is
 * opened without blocking (`O_NONBLOCK`: a FIFO is never waited on) and judged by `fstat` before
 * anything is read, so nothing hangs or reads forever (turbo 2.11.13 does both).
 */
export function repoFileReader(root: string): ConfigFileReader {
  return (repoRelativePath) => readConfigFile(path.join(root, repoRelativePath), repoRelativePath);
}

async function readConfigFile(file: string, rel: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new WorkspaceError(
      "ERR_CONFIG_UNREADABLE",
      `${rel} cannot be read: ${describeError(error)}`,
      {
        file: rel,
        cause: error,
        hint: `Check that ${rel} is a readable file.`,
      },
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      const link = await readlink(file).catch(() => undefined);
      const what = `${link === undefined ? "" : `a link to ${link}, `}${kindOf(stat)}`;
      throw new WorkspaceError("ERR_CONFIG_UNREADABLE", `${rel} is ${what}, not a file`, {
        file: rel,
        hint: `Make ${rel} a regular file holding the configuration.`,
      });
    }
    if (stat.size > CONFIG_MAX_BYTES) {
      throw new WorkspaceError(
        "ERR_CONFIG_UNREADABLE",
        `${rel} is ${String(stat.size)} bytes; at most ${String(CONFIG_MAX_BYTES)} are read`,
        { file: rel, hint: `A turbo.json is a few KiB; check what wrote ${rel}.` },
      );
    }
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}
