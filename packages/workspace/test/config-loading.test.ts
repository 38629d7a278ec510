import { describe, expect, it } from "vitest";

import { configFromFiles } from "./task-graph-fixtures.js";

const turbo = (value: unknown): string => JSON.stringify(value);

describe("loading turbo.json", () => {
  it("reads turbo.jsonc with comments and trailing commas", async () => {
    const result = await configFromFiles({
      "turbo.jsonc":
        '{\n  // build everything\n  "tasks": { "build": { "outputs": ["dist/**",], }, },\n}\n',
    });
    if (!result.ok) throw result.error;
    expect(result.value.root.path).toBe("turbo.jsonc");
    expect(result.value.root.tasks.get("build")).toEqual({ outputs: ["dist/**"] });
  });

  it("refuses a directory with both turbo.json and turbo.jsonc", async () => {
    const result = await configFromFiles({ "turbo.json": "{}", "turbo.jsonc": "{}" });
    expect(
      result.ok ? undefined : [result.error.code, result.error.message, result.error.hint],
    ).toEqual([
      "ERR_CONFIG_BOTH_FILES",
      "Found both turbo.json and turbo.jsonc in the same directory: .",
      "Remove either turbo.json or turbo.jsonc so there is only one.",
    ]);
  });

  it("refuses both files in a package directory", async () => {
    const files = {
      "turbo.json": "{}",
      "packages/a/turbo.json": "{}",
      "packages/a/turbo.jsonc": "{}",
    };
    const result = await configFromFiles(files, [{ name: "a", dir: "packages/a" }]);
    expect(result.ok ? undefined : result.error.message).toBe(
      "Found both turbo.json and turbo.jsonc in the same directory: packages/a",
    );
  });

  it("reports a missing root turbo.json", async () => {
    const result = await configFromFiles({});
    expect(result.ok ? undefined : result.error.code).toBe("ERR_CONFIG_NOT_FOUND");
  });

  it("points at the line and column of a syntax error", async () => {
    const result = await configFromFiles({
      "turbo.json": '{\n  "tasks": {\n    "build": { "cache": tru }\n  }\n}',
    });
    expect(
      result.ok
        ? undefined
        : [result.error.code, result.error.line, result.error.column, result.error.message],
    ).toEqual(["ERR_CONFIG_PARSE", 3, 25, "turbo.json:3:25: unexpected symbol"]);
  });

  it("points at the key of an unknown key", async () => {
    const result = await configFromFiles({
      "turbo.json": '{\n  "tasks": {\n    "build": {\n      "outputz": []\n    }\n  }\n}',
    });
    expect(
      result.ok ? undefined : [result.error.keyPath, result.error.line, result.error.column],
    ).toEqual(["tasks.build.outputz", 4, 7]);
  });

  it("accepts the v1 pipeline key as tasks and says so in a notice", async () => {
    const result = await configFromFiles({
      "turbo.json": turbo({ pipeline: { build: { outputMode: "hash-only" } } }),
    });
    if (!result.ok) throw result.error;
    expect(result.value.root.tasks.get("build")).toEqual({ outputLogs: "hash-only" });
    expect(result.value.notices).toEqual([
      "turbo.json: `pipeline` is the turbo 1.x name of `tasks`; rename it (turbo 2.x rejects `pipeline`).",
      "turbo.json: `tasks.build.outputMode` is the turbo 1.x name of `outputLogs`; rename it (turbo 2.x rejects `outputMode`).",
    ]);
  });

  it("refuses pipeline next to tasks", async () => {
    const result = await configFromFiles({ "turbo.json": turbo({ pipeline: {}, tasks: {} }) });
    expect(result.ok ? undefined : [result.error.code, result.error.message]).toEqual([
      "ERR_CONFIG_INVALID_VALUE",
      "turbo.json: both `pipeline` and `tasks` are set in the top level",
    ]);
  });

  it("fills global defaults and keeps globalPassThroughEnv null when unset", async () => {
    const result = await configFromFiles({ "turbo.json": turbo({ tasks: {} }) });
    if (!result.ok) throw result.error;
    const root = result.value.root;
    expect([
      root.globalDependencies,
      root.globalEnv,
      root.globalPassThroughEnv,
      root.envMode,
      root.futureFlags.globalConfiguration,
    ]).toEqual([[], [], null, undefined, false]);
  });

  it("uses remoteCache.teamId only when it starts with team_", async () => {
    const used = await configFromFiles({
      "turbo.json": turbo({ remoteCache: { teamId: "team_abc" } }),
    });
    const ignored = await configFromFiles({
      "turbo.json": turbo({ remoteCache: { teamId: "abc" } }),
    });
    if (!used.ok || !ignored.ok) throw new Error("unexpected failure");
    expect(used.value.root.effectiveTeamId).toBe("team_abc");
    expect(ignored.value.root.effectiveTeamId).toBeUndefined();
    expect(ignored.value.notices).toEqual([
      'turbo.json: remoteCache.teamId "abc" does not start with "team_", so it is not used.',
    ]);
  });

  it("folds the global block in under futureFlags.globalConfiguration", async () => {
    const result = await configFromFiles({
      "turbo.json": turbo({
        futureFlags: { globalConfiguration: true },
        global: { inputs: ["tsconfig.json"], env: ["CI"], ui: "tui", concurrency: "50%" },
      }),
    });
    if (!result.ok) throw result.error;
    const root = result.value.root;
    expect([
      root.globalInputs,
      root.globalDependencies,
      root.globalEnv,
      root.ui,
      root.concurrency,
    ]).toEqual([["tsconfig.json"], [], ["CI"], "tui", "50%"]);
  });

  it("rejects package tasks in single-package repos", async () => {
    const result = await configFromFiles(
      { "turbo.json": turbo({ tasks: { "//#build": {} } }) },
      [],
      true,
    );
    expect(result.ok ? undefined : result.error.message).toBe(
      "turbo.json: Package tasks (<package>#<task>) are not allowed in single-package repositories: found //#build",
    );
  });

  it("accepts every documented top-level key", async () => {
    const result = await configFromFiles({
      "turbo.json": turbo({
        $schema: "https://turborepo.dev/schema.json",
        agentGuidance: false,
        boundaries: {
          tags: { ui: { dependencies: { allow: ["x"] }, dependents: { deny: ["y"] } } },
          implicitDependencies: ["z"],
        },
        cacheDir: ".turbo/cache",
        cacheMaxAge: "7d",
        cacheMaxSize: "1.5GB",
        concurrency: "4",
        daemon: false,
        dangerouslyDisablePackageManagerCheck: true,
        envMode: "loose",
        futureFlags: { errorsOnlyShowHash: true },
        globalDependencies: [".env"],
        globalEnv: ["CI"],
        globalPassThroughEnv: ["HOME"],
        noUpdateNotifier: true,
        remoteCache: {
          enabled: true,
          signature: false,
          preflight: false,
          timeout: 30,
          uploadTimeout: 60,
          apiUrl: "https://x",
          loginUrl: "https://y",
          teamSlug: "s",
        },
        tags: ["root"],
        ui: "stream",
        tasks: {
          build: {
            cache: true,
            dependsOn: [],
            description: "d",
            env: [],
            inputs: ["$TURBO_DEFAULT$", { mode: "jit", globs: ["g/**"] }],
            interactive: false,
            interruptible: false,
            outputLogs: "full",
            outputs: [],
            passThroughEnv: [],
            persistent: false,
            tags: [],
            with: [],
          },
        },
      }),
    });
    if (!result.ok) throw result.error;
    expect(result.value.root.futureFlags.errorsOnlyShowHash).toBe(true);
    expect(result.value.root.globalPassThroughEnv).toEqual(["HOME"]);
  });
});
