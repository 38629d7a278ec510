import { compareUtf8, gitBlobSha1, type TaskHashExplanation } from "@turbine/hasher";
import { diffExplanations, hashableOutputs, parseTaskInputs } from "@turbine/hasher/internal";
import { describe, expect, it } from "vitest";

describe("byte order", () => {
  it("sorts like UTF-8 bytes, not UTF-16 units", () => {
    const items = ["x/y.txt", "é.txt", "Z.txt", "x-y.txt", "\u{1F600}", "\uFF21", "a"];
    expect(items.sort(compareUtf8)).toEqual([
      "Z.txt",
      "a",
      "x-y.txt",
      "x/y.txt",
      "é.txt",
      "\uFF21",
      "\u{1F600}",
    ]);
  });
});

describe("git blob ids", () => {
  it("matches git's id for known contents", () => {
    // `printf 'committed bytes' | git hash-object --stdin` (turborepo's package_deps test).
    expect(gitBlobSha1(Buffer.from("committed bytes"))).toBe(
      "3a29e62ea9ba15c4a4009d1f605d391cdd262033",
    );
    expect(gitBlobSha1(Buffer.alloc(0))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});

describe("task inputs", () => {
  it("reads $TURBO_DEFAULT$ and rewrites $TURBO_ROOT$ relative to the package", () => {
    expect(parseTaskInputs(["$TURBO_DEFAULT$", "!$TURBO_ROOT$/x", "src/**"], "apps/web")).toEqual({
      globs: ["!../../x", "src/**"],
      includeDefault: true,
    });
    expect(parseTaskInputs(["$TURBO_ROOT$/tsconfig.json"], "")).toEqual({
      globs: ["/tsconfig.json"],
      includeDefault: false,
    });
    expect(parseTaskInputs([], "a")).toEqual({ globs: [], includeDefault: true });
  });
});

describe("hashable outputs", () => {
  it("adds the log file with $colon$ and splits sorted exclusions", () => {
    expect(hashableOutputs("build:prod", ["z/**", "!dist/cache/**", "dist/**"])).toEqual({
      inclusions: [".turbo/turbo-build$colon$prod.log", "dist/**", "z/**"],
      exclusions: ["dist/cache/**"],
    });
  });
});

describe("explanation diff", () => {
  const base: TaskHashExplanation = {
    taskId: "a#build",
    task: "build",
    package: "a",
    hash: "1111111111111111",
    globalHash: "g",
    packageDir: "packages/a",
    inputs: [
      ["a.ts", "1"],
      ["b.ts", "2"],
    ],
    hashOfFiles: "f",
    hashOfExternalDependencies: "e",
    dependencies: [{ taskId: "b#build", hash: "d1" }],
    outputs: { inclusions: [".turbo/turbo-build.log"], exclusions: [] },
    passThruArgs: [],
    envMode: "strict",
    framework: "",
    environmentVariables: {
      specified: { env: [], passThroughEnv: null },
      configured: [],
      inferred: [],
      passthrough: null,
    },
  };

  it("names changed files, dependencies and fields", () => {
    const after: TaskHashExplanation = {
      ...base,
      hash: "2222222222222222",
      inputs: [
        ["a.ts", "9"],
        ["c.ts", "3"],
      ],
      dependencies: [{ taskId: "b#build", hash: "d2" }],
      envMode: "loose",
    };
    expect(diffExplanations(base, after)).toEqual([
      { kind: "file-changed", path: "a.ts", before: "1", after: "9" },
      { kind: "file-removed", path: "b.ts", hash: "2" },
      { kind: "file-added", path: "c.ts", hash: "3" },
      { kind: "dependency-changed", taskId: "b#build", before: "d1", after: "d2" },
      { kind: "field-changed", field: "envMode", before: "strict", after: "loose" },
    ]);
  });

  it("reports nothing for identical explanations", () => {
    expect(diffExplanations(base, { ...base })).toEqual([]);
  });
});
