// Generates a benchmark monorepo: npm workspaces, N packages with `filesPerPackage` source files
// each and up to `edges` dependencies on earlier packages (seeded, so every run builds the same
// repo), a real package-lock.json, and one git commit.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** mulberry32: a small seeded PRNG, so the generated graph is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUILD =
  "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/index.js','built')\"";

/** `write(rel, content)` for files under `root`, directories made as needed. */
export function fileWriter(root) {
  return (rel, content) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
}

/** `npm install` arguments that write package-lock.json only: nothing installed, no scripts. */
export const LOCK_ONLY = [
  "install",
  "--package-lock-only",
  "--ignore-scripts",
  "--no-audit",
  "--no-fund",
];

export function generateRepo(root, { packages, filesPerPackage = 50, edges = 3, seed = 1 }) {
  const random = prng(seed);
  const write = fileWriter(root);
  write(
    "package.json",
    JSON.stringify(
      { name: "bench", private: true, packageManager: "npm@10.9.2", workspaces: ["packages/*"] },
      null,
      2,
    ),
  );
  write(".gitignore", "node_modules/\n.turbo/\ndist/\n");
  write(
    "turbo.json",
    JSON.stringify({ tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } }, null, 2),
  );
  const names = [];
  for (let i = 0; i < packages; i++) {
    const name = `pkg-${String(i).padStart(4, "0")}`;
    const deps = {};
    for (let e = 0; e < edges && i > 0; e++) deps[names[Math.floor(random() * i)]] = "*";
    names.push(name);
    write(
      `packages/${name}/package.json`,
      JSON.stringify(
        { name, version: "1.0.0", scripts: { build: BUILD }, dependencies: deps },
        null,
        2,
      ),
    );
    for (let f = 0; f < filesPerPackage; f++) {
      write(
        `packages/${name}/src/file-${f}.js`,
        `export const value${f} = ${Math.floor(random() * 1e9)};\n`.repeat(1 + (f % 5)),
      );
    }
  }
  lockAndCommit(root, LOCK_ONLY, "bench repo");
}

/** Writes the lockfile with `npm <npmArgs>` (real npm), then makes the repo's one commit. */
export function lockAndCommit(root, npmArgs, message) {
  execFileSync("npm", npmArgs, { cwd: root, stdio: "ignore" });
  commitAll(root, message);
}

/** `git init` and one commit of everything, with a fixed identity and no line-ending changes. */
export function commitAll(root, message) {
  const quiet = { cwd: root, stdio: "ignore" };
  const git = [
    "-c",
    "user.name=bench",
    "-c",
    "user.email=bench@turbine.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.autocrlf=false",
  ];
  execFileSync("git", ["init", "-q"], quiet);
  execFileSync("git", [...git, "add", "-A"], quiet);
  execFileSync("git", [...git, "commit", "-qm", message], quiet);
}
