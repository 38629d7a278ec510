import { RunnerError } from "@turbine/runner";
import { parseFilter } from "@turbine/runner/internal";
import { describe, expect, it } from "vitest";

// The selector forms of turbo's --filter docs (run.mdx) and spec section 3.2.
const table: [string, Partial<ReturnType<typeof parseFilter>>][] = [
  ["web", { namePattern: "web", includeDependencies: false, includeDependents: false }],
  ["@acme/*", { namePattern: "@acme/*" }],
  ["a...", { namePattern: "a", includeDependencies: true, excludeSelf: false }],
  ["...a", { namePattern: "a", includeDependents: true }],
  ["a^...", { namePattern: "a", includeDependencies: true, excludeSelf: true }],
  ["...^b", { namePattern: "b", includeDependents: true, excludeSelf: true }],
  ["...a...", { namePattern: "a", includeDependents: true, includeDependencies: true }],
  ["!web", { namePattern: "web", exclude: true }],
  ["!b...", { namePattern: "b", exclude: true, includeDependencies: true }],
  ["./apps/*", { namePattern: undefined, parentDir: "./apps/*" }],
  ["{./apps/*}", { namePattern: undefined, parentDir: "./apps/*" }],
  ["{packages/a}", { parentDir: "packages/a" }],
  ["a{./packages/*}", { namePattern: "a", parentDir: "./packages/*" }],
  ["[HEAD^1]", { namePattern: undefined, gitRange: { from: "HEAD^1", to: undefined } }],
  ["[main...feature]", { gitRange: { from: "main", to: "feature" } }],
  ["...[HEAD]", { includeDependents: true, gitRange: { from: "HEAD", to: undefined } }],
  ["[HEAD]...", { includeDependencies: true, gitRange: { from: "HEAD", to: undefined } }],
  ["a...[HEAD]", { namePattern: "a", matchDependencies: true, includeDependencies: false }],
  [
    "@acme/*{./packages/*}[HEAD^1]",
    {
      namePattern: "@acme/*",
      parentDir: "./packages/*",
      gitRange: { from: "HEAD^1", to: undefined },
    },
  ],
  ["//", { namePattern: "//" }],
  ["...//", { namePattern: "//", includeDependents: true }],
];

describe("parseFilter", () => {
  it.each(table)("parses %s", (raw, expected) => {
    expect(parseFilter(raw)).toMatchObject({ raw, exclude: false, ...expected });
  });

  it.each(["", "!", "...", "a{./x}junk", "{x}[y]z"])("rejects the malformed selector %j", (raw) => {
    expect(() => parseFilter(raw)).toThrow(RunnerError);
    expect(() => parseFilter(raw)).toThrow(/invalid --filter/);
  });
});
