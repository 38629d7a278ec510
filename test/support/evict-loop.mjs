// A process that evicts a cache dir over and over, as hard as it can: size limit 1 byte and no
// grace, so only Turbine's in-use rules (leases, refreshed mtimes) keep anything. It writes
// <control>/ready once loaded, starts when <control>/go exists and stops, between two
// evictions, once <control>/stop exists. Each removal is logged as `<ms> <hash>`.
// usage: node evict-loop.mjs <cacheDir> <logFile> <controlDir>
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { evictCache } from "@turbine/cache/internal";

const [cacheDir, logFile, control] = process.argv.slice(2);
const budget = {
  maxAgeMs: 0,
  maxSize: { kind: "bytes", bytes: 1 },
  source: { age: "unset", size: "env" },
};
writeFileSync(join(control, "ready"), "");
while (!existsSync(join(control, "go"))) await sleep(10);
let rounds = 0;
while (!existsSync(join(control, "stop"))) {
  evictCache({
    cacheDir,
    budget,
    graceMs: 0,
    onRemove: (hash) => appendFileSync(logFile, `${String(Date.now())} ${hash}\n`),
  });
  rounds++;
  await sleep(10);
}
appendFileSync(logFile, `rounds ${String(rounds)}\n`);
