// Generates a real-shaped TypeScript monorepo for cold-run benchmarks: npm workspaces, `packages`
// libraries that type-check and emit with `tsc` and apps that bundle with `esbuild`, each with
// `filesPerPackage` modules of ordinary code (interfaces, classes, generics, imports between
// modules and from dependency packages), a real TypeScript and esbuild installed by npm from
// the registry, a real package-lock.json, and one git commit. Seeded: every run builds the same
// repo.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { lockAndCommit, prng } from "./generate.mjs";

const TYPESCRIPT = "6.0.3";
const ESBUILD = "0.25.0";

function moduleSource(pkg, index, deps, random) {
  const lines = [];
  if (index > 0)
    lines.push(
      `import { Entity${index - 1}, summarize${index - 1} } from "./mod-${index - 1}.js";`,
    );
  for (const dep of deps)
    lines.push(`import { describe as describe_${dep.id} } from "${dep.name}";`);
  lines.push(
    "",
    `export interface Record${index}<T> {`,
    "  readonly id: string;",
    "  readonly value: T;",
    "  readonly tags: readonly string[];",
    "}",
    "",
    `export class Entity${index}<T extends number | string> {`,
    `  readonly #items = new Map<string, Record${index}<T>>();`,
    "",
    `  add(id: string, value: T, tags: readonly string[] = []): Record${index}<T> {`,
    `    const record: Record${index}<T> = { id, value, tags };`,
    "    this.#items.set(id, record);",
    "    return record;",
    "  }",
    "",
    `  find(predicate: (record: Record${index}<T>) => boolean): Record${index}<T>[] {`,
    "    return [...this.#items.values()].filter(predicate);",
    "  }",
    "",
    "  get size(): number {",
    "    return this.#items.size;",
    "  }",
    "}",
    "",
    `export function summarize${index}(values: readonly number[]): { total: number; mean: number } {`,
    "  const total = values.reduce((sum, v) => sum + v, 0);",
    "  return { total, mean: values.length === 0 ? 0 : total / values.length };",
    "}",
    "",
    `export function run${index}(): string {`,
    `  const entity = new Entity${index}<number>();`,
    `  for (let i = 0; i < ${10 + Math.floor(random() * 90)}; i++) entity.add(\`k\${i}\`, i * ${1 + Math.floor(random() * 9)});`,
    `  const found = entity.find((r) => r.value % ${2 + Math.floor(random() * 5)} === 0);`,
    `  const stats = summarize${index}(found.map((r) => r.value));`,
    index > 0
      ? `  const previous = summarize${index - 1}([stats.total]); void new Entity${index - 1}<string>();`
      : "  const previous = stats;",
    ...deps.map((dep) => `  void describe_${dep.id}();`),
    `  return \`${pkg}:${index}:\${stats.mean.toFixed(2)}:\${previous.total}\`;`,
    "}",
    "",
  );
  return lines.join("\n");
}

export function generateRealRepo(
  root,
  { packages = 40, filesPerPackage = 25, edges = 2, seed = 7 } = {},
) {
  const random = prng(seed);
  const write = (rel, content) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
  write(
    "package.json",
    `${JSON.stringify(
      {
        name: "real-bench",
        private: true,
        packageManager: "npm@10.9.2",
        workspaces: ["packages/*"],
        devDependencies: { typescript: TYPESCRIPT, esbuild: ESBUILD },
      },
      null,
      2,
    )}\n`,
  );
  write(".gitignore", "node_modules/\n.turbo/\ndist/\n");
  write(
    "turbo.json",
    `${JSON.stringify({ tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } }, null, 2)}\n`,
  );
  const libs = [];
  for (let i = 0; i < packages; i++) {
    const name = `@real/pkg-${String(i).padStart(3, "0")}`;
    const isApp = i % 5 === 4;
    const deps = [];
    for (let e = 0; e < edges && libs.length > 0; e++) {
      const dep = libs[Math.floor(random() * libs.length)];
      if (!deps.includes(dep)) deps.push(dep);
    }
    const dir = `packages/pkg-${String(i).padStart(3, "0")}`;
    write(
      `${dir}/package.json`,
      `${JSON.stringify(
        {
          name,
          version: "1.0.0",
          type: "module",
          main: "dist/index.js",
          types: "dist/index.d.ts",
          scripts: {
            build: isApp
              ? "esbuild src/index.ts --bundle --platform=node --format=esm --outfile=dist/index.js --log-level=warning"
              : "tsc -p tsconfig.json",
          },
          dependencies: Object.fromEntries(deps.map((d) => [d.name, "*"])),
        },
        null,
        2,
      )}\n`,
    );
    write(
      `${dir}/tsconfig.json`,
      `${JSON.stringify(
        {
          compilerOptions: {
            target: "es2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            declaration: true,
            outDir: "dist",
            rootDir: "src",
            skipLibCheck: true,
            types: [],
          },
          include: ["src"],
        },
        null,
        2,
      )}\n`,
    );
    for (let f = 0; f < filesPerPackage; f++) {
      write(`${dir}/src/mod-${f}.ts`, moduleSource(name, f, f === 0 ? deps : [], random));
    }
    write(
      `${dir}/src/index.ts`,
      [
        ...Array.from({ length: filesPerPackage }, (_, f) => `export * from "./mod-${f}.js";`),
        `export function describe(): string {`,
        `  return "${name}";`,
        "}",
        "",
      ].join("\n"),
    );
    if (!isApp) libs.push({ name, id: i });
  }
  lockAndCommit(root, ["install", "--no-audit", "--no-fund"], "real-shaped bench repo");
}
