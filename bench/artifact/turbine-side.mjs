// One side of the artifact benchmark, run as its own process so its peak RSS is measured alone.
// Prints `__INPROCESS__ <seconds>`: the library call alone, without Node's start-up.
//
//   node turbine-side.mjs pack <anchor> <list-file> <out.tar.zst>
//   node turbine-side.mjs restore <archive.tar.zst> <dest-dir>
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const { restoreArtifact, writeArtifactFile } = await import(
  path.join(here, "../../packages/artifact/dist/index.js")
);

const [mode, a, b, c] = process.argv.slice(2);
const start = performance.now();
if (mode === "pack") {
  const paths = readFileSync(b, "utf8").split("\n").filter(Boolean);
  await writeArtifactFile({ anchor: a, paths }, c);
} else if (mode === "restore") {
  // `{ file }`: read by the restore itself into reused buffers (what @turbine/cache passes).
  await restoreArtifact({ file: a }, { anchor: b });
} else {
  throw new Error(`unknown mode ${mode}`);
}
// The time spent in the library call itself, without Node's start-up and module loading.
process.stdout.write(`__INPROCESS__ ${((performance.now() - start) / 1000).toFixed(4)}\n`);
