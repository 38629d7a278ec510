// Child process for the memory tests: reads (restores) one entry and reports its own peak RSS
// (KiB) before and after, so the test sees what the read cost alone.
// argv: repoRoot hash
import { LocalCache } from "@turbine/cache/internal";

const [repoRoot, hash] = process.argv.slice(2);
const cache = await LocalCache.create({ repoRoot });
const before = process.resourceUsage().maxRSS;
const read = await cache.read(hash);
const after = process.resourceUsage().maxRSS;
await cache.close();
process.stdout.write(
  JSON.stringify({
    status: read.status,
    files: read.status === "hit" ? read.hit.files : [],
    before,
    after,
  }),
);
