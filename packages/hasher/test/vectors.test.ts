import { Hasher } from "@turbine/hasher";
import { beforeAll, describe, expect, it } from "vitest";

// Test vectors from turborepo's crates/turborepo-hash/src/lib.rs (turbo's own golden values).
let hasher: Hasher;
beforeAll(async () => {
  hasher = await Hasher.create();
});

describe("turbo's FileHashes vectors", () => {
  it("hashes an empty map to 459c029558afe716", () => {
    expect(hasher.fileHashes(new Map())).toBe("459c029558afe716");
  });

  it("hashes {a:b, c:d} to c9301c0bf1899c07", () => {
    expect(hasher.fileHashes({ a: "b", c: "d" })).toBe("c9301c0bf1899c07");
  });

  it("ignores insertion order", () => {
    expect(
      hasher.fileHashes(
        new Map([
          ["c", "d"],
          ["a", "b"],
        ]),
      ),
    ).toBe("c9301c0bf1899c07");
  });
});

describe("turbo's LockFilePackages vectors", () => {
  it.each([
    ["empty", [], "459c029558afe716"],
    ["non-empty", [{ key: "key", version: "version" }], "1b266409f3ae154e"],
    ["empty version", [{ key: "key", version: "" }], "bde280722f61644a"],
    [
      "multiple in-order",
      [
        { key: "key", version: "version" },
        { key: "zey", version: "version" },
      ],
      "6c0185544234b6dc",
    ],
    [
      "care about order",
      [
        { key: "zey", version: "version" },
        { key: "key", version: "version" },
      ],
      "26a67c9beeb0d16f",
    ],
  ])("hashes the %s case", (_name, packages, expected) => {
    expect(hasher.lockFilePackages(packages)).toBe(expected);
  });

  it("hashes 100 packages key{i}/version{i} to 4fd770c37194168e", () => {
    const packages = Array.from({ length: 100 }, (_, i) => ({
      key: `key${i}`,
      version: `version${i}`,
    }));
    expect(hasher.lockFilePackages(packages)).toBe("4fd770c37194168e");
  });

  it("sorts an external closure by key then version before hashing", () => {
    const closure = [
      { key: "zey", version: "version" },
      { key: "key", version: "version" },
    ];
    expect(hasher.externalDepsHash(closure)).toBe("6c0185544234b6dc");
  });
});

describe("turbo's TaskHashable and GlobalHashable vectors", () => {
  it("hashes turbo's TaskHashable test value to 1f8b13161f57fca1", () => {
    const hash = hasher.task({
      globalHash: "global_hash",
      taskDependencyHashes: ["task_dependency_hash"],
      packageDir: "package_dir",
      hashOfFiles: "hash_of_files",
      externalDepsHash: "external_deps_hash",
      task: "task",
      outputs: { inclusions: ["inclusions"], exclusions: ["exclusions"] },
      passThruArgs: ["pass_thru_args"],
      env: ["env"],
      resolvedEnvVars: [],
      passThruEnv: ["pass_thru_env"],
      envMode: "loose",
    });
    expect(hash).toBe("1f8b13161f57fca1");
  });

  it("hashes turbo's GlobalHashable test value to 5072bd005ec02799", () => {
    const hash = hasher.global({
      globalCacheKey: "global_cache_key",
      globalFileHashMap: [["global_file_hash_map", "global_file_hash_map"]],
      rootExternalDepsHash: "0000000000000000",
      rootInternalDepsHash: "0000000000000001",
      env: ["env"],
      resolvedEnvVars: [],
      passThroughEnv: ["pass_through_env"],
      envMode: "strict",
      frameworkInference: true,
      engines: [],
    });
    expect(hash).toBe("5072bd005ec02799");
  });
});
