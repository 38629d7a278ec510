import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const packagesDir = fileURLToPath(new URL("../packages/", import.meta.url));
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(`${packagesDir}${name}/src/index.ts`),
);
const entries = packages.flatMap((name) =>
  ["index", "internal"]
    .filter((entry) => existsSync(`${packagesDir}${name}/src/${entry}.ts`))
    .map((entry) => ({ name, entry, file: `${packagesDir}${name}/src/${entry}.ts` })),
);

/** Every name (value or type) each entry file exports, as the TypeScript compiler sees it. */
function realExports(): Map<string, string[]> {
  const program = ts.createProgram(
    entries.map((e) => e.file),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const source = program.getSourceFile(e.file);
    const symbol = source && checker.getSymbolAtLocation(source);
    const names = symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : [];
    out.set(`${e.name}/${e.entry}`, names.sort());
  }
  return out;
}

/**
 * The names a README lists after the heading `### Exports` (the package's main entry) or
 * `### Exports of ./internal`: one fenced block, one name a line.
 */
function readmeList(readme: string, heading: string): string[] | undefined {
  const at = readme.split("\n").findIndex((line) => line.trim() === heading);
  if (at < 0) return undefined;
  const rest = readme.split("\n").slice(at + 1);
  const open = rest.findIndex((line) => line.startsWith("```"));
  const close = rest.findIndex((line, i) => i > open && line.startsWith("```"));
  return rest
    .slice(open + 1, close)
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
}

describe("each package README lists exactly its exports", () => {
  const real = realExports();
  it.each(entries)("$name ($entry)", ({ name, entry }) => {
    const readme = readFileSync(`${packagesDir}${name}/README.md`, "utf8");
    const heading = entry === "index" ? "### Exports" : "### Exports of ./internal";
    const listed = readmeList(readme, heading);
    expect(listed, `packages/${name}/README.md has no "${heading}" list`).toBeDefined();
    const exported = real.get(`${name}/${entry}`) ?? [];
    const missing = exported.filter((n) => !listed?.includes(n));
    const extra = (listed ?? []).filter((n) => !exported.includes(n));
    expect(
      { missing, extra },
      `@turbine/${name}${entry === "index" ? "" : "/internal"}: README list differs from src/${entry}.ts`,
    ).toEqual({ missing: [], extra: [] });
  });
});
