import { rm } from "node:fs/promises";

import { Cache } from "@turbine/cache";
import { LocalCache } from "@turbine/cache/internal";

import { registerCacheContract } from "./support/cache-contract.js";
import { tempDir } from "./support/sample-outputs.js";

const LOCAL_ONLY = { local: { read: true, write: true }, remote: { read: false, write: false } };

registerCacheContract("LocalCache", async () => {
  const repoRoot = await tempDir();
  return {
    cache: await LocalCache.create({ repoRoot }),
    repoRoot,
    keepsDuration: true,
    reopen: () => LocalCache.create({ repoRoot }),
    cleanup: () => rm(repoRoot, { recursive: true, force: true }),
  };
});

registerCacheContract("Cache (local:rw)", async () => {
  const repoRoot = await tempDir();
  const create = () => Cache.create({ repoRoot, cacheConfig: LOCAL_ONLY });
  return {
    cache: await create(),
    repoRoot,
    keepsDuration: true,
    reopen: create,
    cleanup: () => rm(repoRoot, { recursive: true, force: true }),
  };
});
