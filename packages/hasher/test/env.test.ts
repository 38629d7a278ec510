import {
  fromWildcards,
  globalHashableEnv,
  inferFramework,
  taskHashableEnv,
  toHashablePairs,
  toSecretPairs,
  wildcardToRegexSource,
} from "@turbine/hasher/internal";
import { describe, expect, it } from "vitest";

// Cases from turborepo's crates/turborepo-env and turborepo-frameworks tests.
const keys = (m: ReadonlyMap<string, string>): string[] => [...m.keys()].sort();

describe("env wildcards", () => {
  it.each([
    ["LITERAL_\\*", "LITERAL_\\*"],
    ["\\*LEADING", "\\*LEADING"],
    ["\\!LEADING", "\\\\!LEADING"],
    ["!LEADING", "!LEADING"],
    ["*LEADING", ".*LEADING"],
  ])("turns %s into the regex %s", (pattern, regex) => {
    expect(wildcardToRegexSource(pattern)).toBe(regex);
  });

  it("matches case-sensitively", () => {
    expect(keys(fromWildcards(new Map([["Turbo", "true"]]), ["TURBO"]))).toEqual([]);
  });

  it("treats a leading \\! as a literal bang and \\* as a literal star", () => {
    const env = new Map([
      ["!BANG", "1"],
      ["A*", "2"],
      ["AB", "3"],
    ]);
    expect(keys(fromWildcards(env, ["\\!BANG", "A\\*"]))).toEqual(["!BANG", "A*"]);
  });
});

describe("global env resolution", () => {
  const env = new Map([
    ["VERCEL_TARGET_ENV", "prod"],
    ["VERCEL_ANALYTICS_ID", "1"],
    ["FOO", "bar"],
    ["FOOBAR", "baz"],
    ["FOOD", "cheese"],
  ]);
  it.each([
    ["defaults", [], ["VERCEL_ANALYTICS_ID", "VERCEL_TARGET_ENV"]],
    ["removing defaults", ["!VERCEL*"], []],
    [
      "intersecting globs",
      ["FOO*", "!FOOD"],
      ["FOO", "FOOBAR", "VERCEL_ANALYTICS_ID", "VERCEL_TARGET_ENV"],
    ],
  ])("resolves %s", (_name, globalEnv, expected) => {
    expect(keys(globalHashableEnv(env, globalEnv).all)).toEqual(expected);
  });
});

describe("task env resolution with a framework", () => {
  const env = new Map([
    ["FOO", "bar"],
    ["FOOBAR", "baz"],
    ["FOOD", "cheese"],
    ["BAR", "nuts"],
  ]);
  const framework = (wildcards: string[]) => ({
    slug: "test",
    name: "Test",
    envWildcards: wildcards,
    dependencyMatch: { strategy: "all" as const, dependencies: [] },
  });
  it.each([
    ["wildcard", ["FOO*"], ["BAR"], ["BAR", "FOO", "FOOBAR", "FOOD"]],
    ["omit wild", ["FOO*", "!FOOBAR"], ["BAR"], ["BAR", "FOO", "FOOD"]],
    ["omit task", ["FOO*"], ["!FOOBAR"], ["FOO", "FOOD"]],
    ["exclude all framework vars", ["FOO*"], ["!FOO*"], []],
  ])("resolves %s", (_name, wildcards, taskEnv, expected) => {
    const resolved = taskHashableEnv(env, {
      taskEnv,
      globalEnv: [],
      framework: framework(wildcards),
    });
    expect(keys(resolved.all)).toEqual(expected);
  });

  it("excludes the CI vendor's prefix from inferred vars", () => {
    const withVendor = new Map([...env, ["TURBO_CI_VENDOR_ENV_KEY", "FOOB"]]);
    const resolved = taskHashableEnv(withVendor, {
      taskEnv: [],
      globalEnv: [],
      framework: framework(["FOO*"]),
    });
    expect(keys(resolved.all)).toEqual(["FOO", "FOOD"]);
  });
});

describe("framework inference", () => {
  it.each([
    [{}, undefined],
    [{ blitz: "*" }, "blitzjs"],
    [{ blitz: "*", next: "*" }, "blitzjs"],
    [{ next: "*" }, "nextjs"],
    [{ "solid-js": "*", "solid-start": "*" }, "solidstart"],
    [{ nuxt3: "*" }, "nuxtjs"],
    [{ "react-scripts": "*" }, "create-react-app"],
  ])("infers %o as %s", (deps, slug) => {
    expect(inferFramework(deps)?.slug).toBe(slug);
  });
});

describe("env pairs", () => {
  it("hashes raw values and displays sha256 digests, both byte-sorted", () => {
    const env = new Map([
      ["B", "x"],
      ["A_B", ""],
      ["A", "1"],
    ]);
    expect(toHashablePairs(env)).toEqual(["A=1", "A_B=", "B=x"]);
    expect(toSecretPairs(env)).toEqual([
      "A=6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",
      "A_B=",
      "B=2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
    ]);
  });
});
