// Child process for the concurrency tests: puts one hash into a shared cache dir, over and over.
// argv: cacheDir anchor hash durationMs iterations pathsJson
import { LocalCache } from "@turbine/cache/internal";

const [cacheDir, anchor, hash, duration, iterations, pathsJson] = process.argv.slice(2);
const cache = await LocalCache.create({ repoRoot: anchor, cacheDir });
const paths = JSON.parse(pathsJson);
for (let i = 0; i < Number(iterations); i++) {
  await cache.put(hash, { paths, durationMs: Number(duration) });
}
