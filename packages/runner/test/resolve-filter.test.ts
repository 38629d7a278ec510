import type { FilterPackage } from "@turbine/runner/internal";
import {
  FilterGraph,
  mapChangedFiles,
  parseFilter,
  resolveFilters,
} from "@turbine/runner/internal";
import { describe, expect, it } from "vitest";

// Expected selections were observed with turbo 2.11.13 (`turbo run build --filter=<sel> --dry=json`,
// the `packages` array) on npm repos of this shape: a depends on b, web stands alone.
const repoRoot = "/repo";
const packages = (rootDeps: readonly string[]): FilterPackage[] => [
  { name: "//", dir: "", dependencies: rootDeps },
  { name: "a", dir: "packages/a", dependencies: ["b"] },
  { name: "b", dir: "packages/b", dependencies: [] },
  { name: "web", dir: "packages/web", dependencies: [] },
];

async function select(
  filters: readonly string[],
  rootDeps: readonly string[] = [],
  changed: readonly string[] = [],
): Promise<string[]> {
  const graph = new FilterGraph(packages(rootDeps));
  const selected = await resolveFilters(filters.map(parseFilter), {
    graph,
    repoRoot,
    cwd: repoRoot,
    changedPackages: () => Promise.resolve(new Set(changed)),
  });
  return [...selected].sort();
}

describe("resolveFilters", () => {
  it.each([
    [["a..."], ["a", "b"]],
    [["...b"], ["a", "b"]],
    [["...^b"], ["a"]],
    [["a^..."], ["b"]],
    [["b..."], ["b"]],
    [["*"], ["//", "a", "b", "web"]],
    [["w*"], ["web"]],
    [["x*"], []],
    [["!a"], ["b", "web"]],
    [["!b..."], ["a", "web"]],
    [["./packages/a"], ["a"]],
    [["./packages"], []],
    [["{./packages/*}"], ["a", "b", "web"]],
    [["{packages/a}"], ["a"]],
    [["a{./packages/*}"], ["a"]],
    [["...//"], ["//"]],
    [["//..."], ["//"]],
    [
      ["a", "web"],
      ["a", "web"],
    ],
    [
      ["*", "!a..."],
      ["//", "web"],
    ],
  ])("selects %j as turbo does", async (filters, expected) => {
    expect(await select(filters)).toEqual(expected);
  });

  it.each([
    [["...b"], ["//", "a", "b", "web"]],
    [["...^b"], ["//", "a", "web"]],
    [["//..."], ["//", "b"]],
    [["web..."], ["b", "web"]],
    [["...web"], ["web"]],
    [["...//"], ["//"]],
  ])(
    "treats the root's dependencies as everyone's when selecting %j",
    async (filters, expected) => {
      expect(await select(filters, ["b"])).toEqual(expected);
    },
  );

  it.each([
    [["[HEAD]"], ["b"]],
    [["...[HEAD]"], ["a", "b"]],
    [["[HEAD]..."], ["b"]],
    [["...^[HEAD]"], ["a"]],
    [["a...[HEAD]"], ["a"]],
    [["web...[HEAD]"], []],
  ])("selects changed packages for %j", async (filters, expected) => {
    expect(await select(filters, [], ["b"])).toEqual(expected);
  });

  it("fails on a plain name that matches no package, with turbo's message", async () => {
    await expect(select(["nope"])).rejects.toMatchObject({
      code: "ERR_RUNNER_NO_PACKAGE_MATCH",
      message: "No package found with name 'nope' in workspace",
    });
  });
});

describe("mapChangedFiles", () => {
  const options = { packages: packages([]), globalFiles: ["turbo.json", "package-lock.json"] };

  it("gives a file to the package whose directory holds it", () => {
    expect(
      [...mapChangedFiles(["packages/b/new.txt", "packages/a/src/x.ts"], options)].sort(),
    ).toEqual(["a", "b"]);
  });

  it("gives files outside every package to the root", () => {
    expect([
      ...mapChangedFiles(["packages/lock.txt", "package.json", "README.md"], options),
    ]).toEqual(["//"]);
  });

  it("selects every package when a global file changed", () => {
    expect([...mapChangedFiles(["turbo.json"], options)].sort()).toEqual(["//", "a", "b", "web"]);
    expect([...mapChangedFiles(["package-lock.json"], options)].sort()).toEqual([
      "//",
      "a",
      "b",
      "web",
    ]);
  });

  it("does not confuse a package dir with a longer sibling", () => {
    const withSibling = {
      ...options,
      packages: [...options.packages, { name: "ab", dir: "packages/ab", dependencies: [] }],
    };
    expect([...mapChangedFiles(["packages/ab/x"], withSibling)]).toEqual(["ab"]);
  });
});
