// Builds one example package: copies src/*.js to dist/, stamped with the package name and the
// BASIC_GREETING variable (which turbo.json declares in `env`, so changing it changes the hash).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";

const pkg = JSON.parse(await readFile("package.json", "utf8"));
const greeting = process.env.BASIC_GREETING ?? "hello";
await mkdir("dist", { recursive: true });
for (const file of await readdir("src")) {
  const source = await readFile(`src/${file}`, "utf8");
  await writeFile(`dist/${file}`, `// ${pkg.name} (${greeting})\n${source}`);
}
// A little work, so a cached run has something to save.
const start = Date.now();
while (Date.now() - start < 300);
console.log(`built ${pkg.name}`);
