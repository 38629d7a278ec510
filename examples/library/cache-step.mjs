// Caches a step that is not a JavaScript task: counting the words in assets/ with `sort | uniq -c`.
// The cache key hashes every input file (git blob ids, as turbo does) and the command itself, with
// turbo's FileHashes hash; the output is stored in turbo's local cache format under .turbo/cache.
//
//   node cache-step.mjs            first run: a miss, runs the command and stores out/
//   node cache-step.mjs            second run: a hit, restores out/ without running anything
//   node cache-step.mjs DIR        the same, on DIR/assets, DIR/out and DIR/.turbo/cache
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Cache } from "@turbine/cache";
import { gitBlobSha1, Hasher } from "@turbine/hasher";

const root = path.resolve(process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url)));
const command = "mkdir -p out && cat assets/*.txt | sort | uniq -c | sort -rn > out/counts.txt";

// 1. The key: every input's blob id plus the command, hashed the way turbo hashes file maps.
const hasher = await Hasher.create();
const inputs = { "#command": gitBlobSha1(Buffer.from(command)) };
for (const name of readdirSync(path.join(root, "assets")).sort()) {
  inputs[`assets/${name}`] = gitBlobSha1(readFileSync(path.join(root, "assets", name)));
}
const key = hasher.fileHashes(inputs);

// 2. Local cache only: read first, run and store on a miss.
const cache = await Cache.create({
  repoRoot: root,
  cacheConfig: { local: { read: true, write: true }, remote: { read: false, write: false } },
});
try {
  const hit = await cache.fetch(key);
  if (hit) {
    console.log(`cache hit ${key}: restored ${hit.files.join(", ")} (saved ${hit.durationMs} ms)`);
  } else {
    console.log(`cache miss ${key}: running ${command}`);
    const start = Date.now();
    execFileSync("sh", ["-c", command], { cwd: root, stdio: "inherit" });
    await cache.put(key, { paths: ["out", "out/counts.txt"], durationMs: Date.now() - start });
  }
  process.stdout.write(readFileSync(path.join(root, "out", "counts.txt"), "utf8"));
} finally {
  await cache.close();
}
