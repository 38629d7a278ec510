import { readFile } from "node:fs/promises";
import path from "node:path";

import type { ConfigFileReader } from "./load-turbo-config.js";

/** The file-system edge for `loadTurboConfig`: reads repo-relative paths under `root`. */
export function repoFileReader(root: string): ConfigFileReader {
  return async (repoRelativePath) => {
    try {
      return await readFile(path.join(root, repoRelativePath), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
}
