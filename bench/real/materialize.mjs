// Turns a committed real-shaped repo (bench/real/repos/<name>: the manifests regenerate.mjs kept
// and the lockfile the real package manager wrote) into a git monorepo a benchmark can run:
// manifests and lockfile as committed, a realistic turbo.json, tens of source files a package
// (seeded, the same on every run), trivial task scripts, and one commit.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { commitAll, prng } from "../lib/generate.mjs";
import { REPOS } from "./spec.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

export const LOCKFILES = {
  npm: "package-lock.json",
  pnpm: "pnpm-lock.yaml",
  yarn: "yarn.lock",
  berry: "yarn.lock",
  bun: "bun.lock",
};

/** The committed parts of repo `name`: its spec entry, manifests by path, and lockfile name. */
export function realRepo(name) {
  const repo = REPOS.find((r) => r.name === name);
  if (repo === undefined) throw new Error(`no real-shaped repo named ${name}`);
  const dir = path.join(here, "repos", name);
  const manifests = JSON.parse(readFileSync(path.join(dir, "manifests.json"), "utf8"));
  const lockfileName = LOCKFILES[repo.packageManager];
  const workspaceDirs = Object.keys(manifests)
    .filter((rel) => rel.endsWith("/package.json"))
    .map((rel) => path.posix.dirname(rel));
  return { ...repo, dir, manifests, lockfileName, workspaceDirs };
}

/** turbo.json as a product monorepo writes it: five tasks, inputs with negations, env, outputs. */
export const TURBO_JSON = {
  $schema: "https://turborepo.com/schema.json",
  globalDependencies: ["tsconfig.base.json", "**/.env.*local"],
  globalEnv: ["NODE_ENV", "CI", "VERCEL_ENV"],
  globalPassThroughEnv: ["AWS_REGION"],
  tasks: {
    build: {
      dependsOn: ["^build"],
      inputs: ["$TURBO_DEFAULT$", "!**/*.test.ts", "!**/*.test.tsx", "!**/__tests__/**"].concat([
        "!**/*.stories.tsx",
        "!**/*.md",
        ".env.production",
      ]),
      outputs: ["dist/**", ".next/**", "!.next/cache/**", "storybook-static/**"],
      env: ["NEXT_PUBLIC_*", "API_URL", "DATABASE_URL"],
    },
    lint: { dependsOn: ["^build"], inputs: ["$TURBO_DEFAULT$", "!**/*.md"] },
    typecheck: { dependsOn: ["^build"], inputs: ["$TURBO_DEFAULT$", "!**/*.md", "!**/*.css"] },
    test: {
      dependsOn: ["build"],
      inputs: ["$TURBO_DEFAULT$", "!**/*.md", "!**/*.stories.tsx"],
      outputs: ["coverage/**"],
      env: ["TEST_*", "DATABASE_URL"],
    },
    dev: { cache: false, persistent: true },
  },
};

/** The every-task list of the dry-run scenario (dev is persistent: turbo runs it, never caches). */
export const ALL_TASKS = ["build", "lint", "typecheck", "test"];

// What every workspace's scripts run: build writes dist/, test writes coverage/, the rest print.
const TASK_SCRIPT = `import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
const task = process.argv[2];
if (task === "build") {
  mkdirSync("dist", { recursive: true });
  const sources = readdirSync("src").filter((f) => f.endsWith(".ts") || f.endsWith(".tsx"));
  for (const f of sources.slice(0, 5)) writeFileSync(\`dist/\${f.replace(/\\.tsx?$/, ".js")}\`, "export {};\\n");
  writeFileSync("dist/index.d.ts", "export {};\\n");
} else if (task === "test") {
  mkdirSync("coverage", { recursive: true });
  writeFileSync("coverage/coverage-summary.json", "{}\\n");
}
console.log(\`\${task} done\`);
`;

// \`<pm> run <script>\` for the cold fill: the script from ./package.json through sh, as every
// package manager runs it (berry would want an installed project; the measured scenarios never
// run a script, only the fill that caches the outputs does).
const RUN_SHIM = `const { spawnSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const [command, script] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
if (command === "--version" || command === "-v") {
  console.log(process.env.BENCH_PM_VERSION ?? "0.0.0");
  process.exit(0);
}
const body = command === "run" ? pkg.scripts?.[script] : undefined;
if (body === undefined) {
  console.error(\`bench shim: cannot run \${process.argv.slice(2).join(" ")}\`);
  process.exit(1);
}
process.exit(spawnSync("sh", ["-c", body], { stdio: "inherit" }).status ?? 1);
`;

const SOURCE_KINDS = [
  [
    "src",
    "ts",
    (i, n) =>
      `export function compute${i}(input: number): number {\n${"  input = (input * 31 + " + n + ") % 1000003;\n".repeat(1 + (n % 12))}  return input;\n}\n`,
  ],
  [
    "src/components",
    "tsx",
    (i, n) =>
      `export function Widget${i}({ label }: { label: string }) {\n  return <div className="p-${n % 8}">{label}</div>;\n}\n`.repeat(
        1 + (n % 4),
      ),
  ],
  [
    "src/__tests__",
    "test.ts",
    (i, n) =>
      `import { describe, expect, it } from "vitest";\ndescribe("case ${i}", () => {\n  it("works", () => expect(${n} % 7).toBeLessThan(7));\n});\n`,
  ],
  [
    "src/stories",
    "stories.tsx",
    (i) => `export default { title: "Widget ${i}" };\nexport const Primary = {};\n`,
  ],
  ["src/styles", "css", (i, n) => `.widget-${i} { padding: ${n % 16}px; }\n`],
];

/** Writes repo `name` into the empty directory `root` and commits it. */
export function materialize(name, root) {
  const repo = realRepo(name);
  const random = prng(repo.seed * 7919);
  const write = (rel, content) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
  for (const [rel, content] of Object.entries(repo.manifests)) write(rel, content);
  write(repo.lockfileName, readFileSync(path.join(repo.dir, repo.lockfileName)));
  write("turbo.json", `${JSON.stringify(TURBO_JSON, null, 2)}\n`);
  write(".gitignore", "node_modules/\n.turbo/\ndist/\ncoverage/\n.next/\n.env*.local\n");
  write(
    "tsconfig.base.json",
    `${JSON.stringify({ compilerOptions: { strict: true } }, null, 2)}\n`,
  );
  write("scripts/task.mjs", TASK_SCRIPT);
  write("README.md", "# acme\n");
  for (const dir of repo.workspaceDirs) {
    const files = 10 + Math.floor(random() * 30);
    for (let f = 0; f < files; f++) {
      const [sub, ext, body] = SOURCE_KINDS[f < 4 ? 0 : Math.floor(random() * SOURCE_KINDS.length)];
      write(`${dir}/${sub}/file-${f}.${ext}`, body(f, Math.floor(random() * 1e6)));
    }
    write(`${dir}/src/index.ts`, 'export * from "./file-0";\n');
    write(`${dir}/README.md`, `# ${dir}\n`);
    write(`${dir}/tsconfig.json`, '{ "extends": "../../tsconfig.base.json" }\n');
  }
  commitAll(root, "bench repo");
  return repo;
}

/** A bin directory whose npm, pnpm, yarn and bun run package.json scripts (see RUN_SHIM). */
export function shimBin(dir) {
  const bin = path.join(dir, "bin");
  const script = path.join(dir, "run-script.cjs");
  mkdirSync(bin, { recursive: true });
  writeFileSync(script, RUN_SHIM);
  for (const command of ["npm", "pnpm", "yarn", "bun"]) {
    const file = path.join(bin, command);
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}
