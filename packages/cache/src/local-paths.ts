import { join } from "node:path";

import { assertValidHash } from "./cache-error.js";

/** The three files of one local entry, as turbo 2.11.13 names them. */
export interface EntryFiles {
  artifact: string;
  meta: string;
  manifest: string;
}

export function entryFiles(cacheDir: string, hash: string): EntryFiles {
  assertValidHash(hash);
  return {
    artifact: join(cacheDir, `${hash}.tar.zst`),
    meta: join(cacheDir, `${hash}-meta.json`),
    manifest: join(cacheDir, `${hash}-manifest.json`),
  };
}
