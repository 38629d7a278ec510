// One side of the benchmark in its own process, so its peak RSS is its own. Plain JS (no type
// stripping) so the measurement is the client's, not the TypeScript loader's.
//   node turbine-side.mjs put <url> <token> <team> <hash> <file>
//   node turbine-side.mjs get <url> <token> <team> <hash> <tempDir>
//   node turbine-side.mjs idle <url> <token> <team> <hash> <any>   (the process floor: loaded, no transfer)
// An optional last argument is the signature key. Prints {"ms":…,"bytes":…, memory at the end}.
import { stat } from "node:fs/promises";

import { RemoteCacheClient } from "../../packages/remote-cache/dist/index.js";
import { Agent } from "../../packages/remote-cache/node_modules/undici/index.js";

const [mode, apiUrl, token, teamId, hash, target, key] = process.argv.slice(2);
if (!mode || !apiUrl || !token || !hash || !target) {
  throw new Error(
    "usage: turbine-side.mjs put|get|idle <url> <token> <team> <hash> <file|dir> [key]",
  );
}
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const client = await RemoteCacheClient.create({
  apiUrl,
  token,
  teamId,
  signatureKey: key,
  timeoutMs: 0,
  uploadTimeoutMs: 0,
  dispatcher,
  env: {},
  onWarning: (w) => console.error(`warning: ${w.message}`),
});
const start = process.hrtime.bigint();
let bytes;
if (mode === "idle") {
  bytes = 0;
} else if (mode === "put") {
  const { size } = await stat(target);
  const outcome = await client.put(hash, { path: target, size, durationMs: 1 });
  if (outcome.status !== "uploaded") throw new Error(`upload ${outcome.status}`);
  bytes = size;
} else {
  const hit = await client.fetch(hash, { tempDir: target });
  if (hit === undefined) throw new Error("download missed");
  bytes = hit.size;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
await client.close();
await dispatcher.close();
const mib = (n) => Math.round(n / 1048576);
const { rss, heapUsed, external } = process.memoryUsage();
console.log(
  JSON.stringify({
    ms,
    bytes,
    rssMiB: mib(rss),
    heapMiB: mib(heapUsed),
    externalMiB: mib(external),
  }),
);
