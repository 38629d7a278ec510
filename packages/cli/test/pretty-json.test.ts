import { prettyJsonPieces } from "@turbine/cli/internal";
import { describe, expect, it } from "vitest";

// The pieces of a dry run's JSON document against the one-string form they stand for.
const task = (i: number): Record<string, unknown> => ({
  taskId: `pkg-${String(i)}#build`,
  hash: "0123456789abcdef",
  inputs: { "src/a.ts": "x", "é/ü.ts": "y\nz", 'quote"d': "\\" },
  outputs: [],
  dependencies: i === 0 ? [] : [`pkg-${String(i - 1)}#build`],
  environmentVariables: { specified: { env: [], passThroughEnv: null }, configured: [] },
  skipped: undefined,
  cache: { local: false, remote: false, status: "MISS", timeSaved: 0 },
  nested: [[], {}, [1, [2, { three: [3] }]], null, true, 1.5, -0],
});

describe("a JSON document in pieces", () => {
  it.each([
    ["a dry run's shape", { id: "x", tasks: [0, 1, 2].map(task), user: "", scm: null }],
    ["empty containers at the top", { a: [], b: {}, c: [[]], d: [{}] }],
    [
      "members JSON leaves out or writes as null",
      { f: () => 1, u: undefined, list: [undefined, () => 1, Symbol("s")] },
    ],
    ["an array at the top", [task(0), [], {}, "s"]],
    ["an empty object", {}],
    ["an empty array", []],
    ["a string", "a\nb"],
    ["null", null],
  ])("joins to JSON.stringify's text for %s", (_what, value) => {
    for (const depth of [0, 1, 2, 3, 5]) {
      expect([...prettyJsonPieces(value, depth)].join(""), String(depth)).toBe(
        JSON.stringify(value, null, 2),
      );
    }
  });

  it("splits a dry run's tasks into pieces of their own", () => {
    const pieces = [...prettyJsonPieces({ tasks: [0, 1, 2, 3].map(task) })];
    expect(pieces.filter((p) => p.startsWith("{\n") && p.includes('"taskId"'))).toHaveLength(4);
  });
});
