import { createTempRepo, runTurbo, type TempRepo } from "@turbine/test-utils";
import {
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  type WorkspaceErrorCode,
} from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphRepoSpec, turboMessage } from "./task-graph-fixtures.js";

interface BadConfig {
  readonly name: string;
  /** Root turbo.json text. */
  readonly turbo: string;
  /** Package Configurations: package name -> turbo.json text. */
  readonly packages?: Readonly<Record<string, string>>;
  readonly code: WorkspaceErrorCode;
  /** Turbine's whole message. */
  readonly message: string;
  /** The phrase turbo 2.11.13 prints for the same file. */
  readonly turboSays: string;
}

const T = (tasks: unknown, top: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...top, tasks });

const cases: BadConfig[] = [
  {
    name: "unknown top-level key",
    turbo: T({ build: {} }, { foo: 1 }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `foo`",
    turboSays: "Found an unknown key `foo`",
  },
  {
    name: "extends in the root turbo.json",
    turbo: T({ build: {} }, { extends: ["//"] }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `extends`",
    turboSays: "Found an unknown key `extends`",
  },
  {
    name: "unknown task key",
    turbo: T({ build: { foo: 1 } }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `foo` in tasks.build",
    turboSays: "Found an unknown key `foo`",
  },
  {
    name: "v1 dotEnv key",
    turbo: T({ build: { dotEnv: [".env"] } }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `dotEnv` in tasks.build",
    turboSays: "Found an unknown key `dotEnv`",
  },
  {
    name: "outputs as a string",
    turbo: T({ build: { outputs: "dist" } }),
    code: "ERR_CONFIG_INVALID_TYPE",
    message: 'turbo.json: tasks.build.outputs must be an array of strings (got "dist")',
    turboSays: "outputs has an incorrect type, expected an array, but received a string",
  },
  {
    name: "a number among outputs",
    turbo: T({ build: { outputs: [1] } }),
    code: "ERR_CONFIG_INVALID_TYPE",
    message: "turbo.json: tasks.build.outputs[0] must be a string (got 1)",
    turboSays: "Incorrect type, expected a string, but received a number",
  },
  {
    name: "cache as a string",
    turbo: T({ build: { cache: "yes" } }),
    code: "ERR_CONFIG_INVALID_TYPE",
    message: 'turbo.json: tasks.build.cache must be a boolean (got "yes")',
    turboSays: "cache has an incorrect type, expected a boolean",
  },
  {
    name: "null where an array goes",
    turbo: T({ build: {} }, { globalEnv: null }),
    code: "ERR_CONFIG_INVALID_TYPE",
    message: "turbo.json: globalEnv must be an array of strings (got null)",
    turboSays: "globalEnv has an incorrect type, expected an array, but received null",
  },
  {
    name: "unknown outputLogs value",
    turbo: T({ build: { outputLogs: "loud" } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message:
      'turbo.json: tasks.build.outputLogs must be one of "full", "none", "hash-only", "new-only", "errors-only" (got "loud")',
    turboSays: "Found an unknown value `loud`",
  },
  {
    name: "unknown ui value",
    turbo: T({ build: {} }, { ui: "fancy" }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message:
      'turbo.json: ui must be one of "tui", "stream", "stream-with-experimental-timestamps" (got "fancy")',
    turboSays: "Found an unknown value `fancy`",
  },
  {
    name: "unknown envMode value",
    turbo: T({ build: {} }, { envMode: "lax" }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: envMode must be one of "loose", "strict" (got "lax")',
    turboSays: "Found an unknown value `lax`",
  },
  {
    name: "concurrency as a number",
    turbo: T({ build: {} }, { concurrency: 3 }),
    code: "ERR_CONFIG_INVALID_TYPE",
    message: "turbo.json: concurrency must be a string (got 3)",
    turboSays: "concurrency has an incorrect type, expected a string",
  },
  {
    name: "concurrency that is not a count",
    turbo: T({ build: {} }, { concurrency: "abc" }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message:
      'turbo.json: concurrency must be an integer >= 1 or a percentage between 1% and 100% (got "abc")',
    turboSays: "Invalid value for `--concurrency` flag",
  },
  {
    name: "negative remote cache timeout",
    turbo: T({ build: {} }, { remoteCache: { timeout: -1 } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: "turbo.json: remoteCache.timeout must be a non-negative integer (got -1)",
    turboSays: "The number should be an integer between 0 and 18446744073709551615",
  },
  {
    name: "unknown remoteCache key",
    turbo: T({ build: {} }, { remoteCache: { x: 1 } }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `x` in remoteCache",
    turboSays: "Found an unknown key `x`",
  },
  {
    name: "unknown future flag",
    turbo: T({ build: {} }, { futureFlags: { nope: true } }),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `nope` in futureFlags",
    turboSays: "Found an unknown key `nope`",
  },
  {
    name: "unknown boundaries rule key",
    turbo: T(
      { build: {} },
      { boundaries: { tags: { x: { dependencies: { allow: ["a"], nope: 1 } } } } },
    ),
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "turbo.json: Found an unknown key `nope` in boundaries.tags.x.dependencies",
    turboSays: "Found an unknown key `nope`",
  },
  {
    name: "global without its future flag",
    turbo: T({ build: {} }, { global: {} }),
    code: "ERR_CONFIG_FEATURE_FLAG_REQUIRED",
    message:
      'turbo.json: The "global" key requires "futureFlags.globalConfiguration" to be enabled.',
    turboSays: 'The "global" key requires "futureFlags.globalConfiguration" to be enabled.',
  },
  {
    name: "top-level globalEnv under globalConfiguration",
    turbo: T({ build: {} }, { futureFlags: { globalConfiguration: true }, globalEnv: ["X"] }),
    code: "ERR_CONFIG_MISPLACED_KEY",
    message:
      'turbo.json: When "futureFlags.globalConfiguration" is enabled, "globalEnv" should be placed inside the "global" key as "env".',
    turboSays:
      'When "futureFlags.globalConfiguration" is enabled, "globalEnv" should be placed inside the "global" key as "env".',
  },
  {
    name: "setup without its future flag",
    turbo: T({ build: {} }, { setup: { tools: "managed" } }),
    code: "ERR_CONFIG_FEATURE_FLAG_REQUIRED",
    message: 'turbo.json: The "setup" key requires "futureFlags.experimentalSetup" to be enabled.',
    turboSays: 'The "setup" key requires "futureFlags.experimentalSetup" to be enabled.',
  },
  {
    name: "absolute cacheDir",
    turbo: T({ build: {} }, { cacheDir: "/abs" }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: found absolute path in `cacheDir` (got "/abs")',
    turboSays: "found absolute path in `cacheDir`",
  },
  {
    name: "env var in dependsOn",
    turbo: T({ build: { dependsOn: ["$X"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: `dependsOn` cannot contain an environment variable (got "$X").',
    turboSays: "`dependsOn` cannot contain an environment variable.",
  },
  {
    name: "$-prefixed env var",
    turbo: T({ build: { env: ["$X"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: Environment variables should not be prefixed with "$" (got "$X").',
    turboSays: 'Environment variables should not be prefixed with "$"',
  },
  {
    name: "^ in with",
    turbo: T({ build: { with: ["^x"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: "turbo.json: `with` cannot use dependency relationships.",
    turboSays: "`with` cannot use dependency relationships.",
  },
  {
    name: "absolute output path",
    turbo: T({ build: { outputs: ["/abs"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: `outputs` cannot contain an absolute path (got "/abs").',
    turboSays: "`outputs` cannot contain an absolute path.",
  },
  {
    name: "$TURBO_ROOT$ in the middle of a glob",
    turbo: T({ build: { inputs: ["x/$TURBO_ROOT$/y"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message:
      'turbo.json: "$TURBO_ROOT$" must be used at the start of glob (got "x/$TURBO_ROOT$/y").',
    turboSays: '"$TURBO_ROOT$" must be used at the start of glob.',
  },
  {
    name: "$TURBO_ROOT$ without a slash",
    turbo: T({ build: { inputs: ["$TURBO_ROOT$y"] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: "$TURBO_ROOT$" must be followed by a \'/\' (got "$TURBO_ROOT$y").',
    turboSays: "\"$TURBO_ROOT$\" must be followed by a '/'.",
  },
  {
    name: "unknown structured input mode",
    turbo: T({ build: { inputs: [{ mode: "bogus", globs: ["x"] }] } }),
    code: "ERR_CONFIG_INVALID_VALUE",
    message: 'turbo.json: Invalid inputs for task: Unknown input mode "bogus"',
    turboSays: 'Unknown input mode "bogus"',
  },
  {
    name: "task-level extends in the root",
    turbo: T({ build: {}, lint: { extends: false } }),
    code: "ERR_CONFIG_TASK_EXTENDS_IN_ROOT",
    message:
      'turbo.json: The "extends" key on task "lint" can only be used in Package Configurations.',
    turboSays: 'The "extends" key on task "lint" can only be used in Package Configurations.',
  },
  {
    name: "truncated file",
    turbo: '{"tasks":{"build":{',
    code: "ERR_CONFIG_PARSE",
    message: "turbo.json:1:20: expected `}` but the file ends",
    turboSays: "but instead the file ends",
  },
  {
    name: "package config without extends",
    turbo: T({ build: {} }),
    packages: { a: T({ build: {} }) },
    code: "ERR_CONFIG_EXTENDS",
    message: 'packages/a/turbo.json: No "extends" key found.',
    turboSays: 'No "extends" key found.',
  },
  {
    name: "package config not extending the root first",
    turbo: T({ build: {} }),
    packages: { a: T({ build: {} }, { extends: ["b", "//"] }), b: T({}, { extends: ["//"] }) },
    code: "ERR_CONFIG_EXTENDS",
    message: "packages/a/turbo.json: You must extend from the root of the workspace first.",
    turboSays: "You must extend from the root of the workspace first.",
  },
  {
    name: "pkg#task key in a package config",
    turbo: T({ build: {} }),
    packages: { a: T({ "a#build": {} }, { extends: ["//"] }) },
    code: "ERR_CONFIG_PACKAGE_TASK_SYNTAX",
    message: 'packages/a/turbo.json: "a#build". Use "build" instead.',
    turboSays: '"a#build". Use "build" instead.',
  },
  {
    name: "global key in a package config",
    turbo: T({ build: {} }),
    packages: { a: T({ build: {} }, { extends: ["//"], globalEnv: ["X"] }) },
    code: "ERR_CONFIG_UNKNOWN_KEY",
    message: "packages/a/turbo.json: Found an unknown key `globalEnv`",
    turboSays: "Found an unknown key `globalEnv`",
  },
  {
    name: "extending a package without turbo.json",
    turbo: T({ build: {} }),
    packages: { a: T({ build: {} }, { extends: ["//", "b"] }) },
    code: "ERR_CONFIG_EXTENDS",
    message: "packages/a/turbo.json: Cannot extend from 'b' without a package 'turbo.json'.",
    turboSays: "Cannot extend from 'b' without a package 'turbo.json'.",
  },
  {
    name: "cyclic extends",
    turbo: T({ build: {} }),
    packages: { a: T({ build: {} }, { extends: ["//", "b"] }), b: T({}, { extends: ["//", "a"] }) },
    code: "ERR_CONFIG_EXTENDS_CYCLE",
    message: 'packages/b/turbo.json: Cyclic "extends" detected: a -> b -> a',
    turboSays: 'Cyclic "extends" detected:',
  },
];

describe("turbo.json validation agrees with turbo", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo(
      graphRepoSpec({
        turbo: { tasks: { build: {} } },
        packages: [{ name: "a", scripts: { build: "echo a" } }, { name: "b" }],
      }),
    );
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it.each(cases)("rejects $name", async (bad) => {
    await repo.write("turbo.json", bad.turbo);
    for (const name of ["a", "b"]) await repo.remove(`packages/${name}/turbo.json`);
    for (const [name, text] of Object.entries(bad.packages ?? {}))
      await repo.write(`packages/${name}/turbo.json`, text);

    const turbo = await runTurbo(repo.root, ["run", "build", "--dry=json"]);
    expect(turbo.code).not.toBe(0);
    expect(turboMessage(turbo.stderr + turbo.stdout)).toContain(bad.turboSays);

    const workspace = await loadWorkspace(repo.root);
    const result = await loadTurboConfig({
      packages: workspace.packages.values(),
      readFile: repoFileReader(repo.root),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ code: result.error.code, message: result.error.message }).toEqual({
      code: bad.code,
      message: bad.message,
    });
    expect(result.error.file).toBe(bad.message.slice(0, bad.message.search(/:/)));
  });
});
