import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { cacheDurations } from "@turbine/runner/internal";
import {
  berryCliPath,
  bunBinaryPath,
  runTurbo,
  type TestPackageManager,
  turboDryJson,
  useTempRepos,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// Each case installs a real repo with the package manager and runs every task twice, once
// through the manager and once directly, on a shared 2-core machine.

const create = useTempRepos();
const scratch: string[] = [];
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Records what each script saw: its label, argv, cwd and environment. */
const DUMP = `const fs = require("fs");
fs.appendFileSync(process.env.DUMP_OUT, JSON.stringify({
  label: process.argv[2], argv: process.argv.slice(3), cwd: process.cwd(), env: process.env,
}) + "\\n");
console.log("ran " + process.argv[2]);
`;

const ARGS = ["--foo", "a b", "c$d", "it's", "", 'say "hi"', "back\\slash", "x=1", "--"];

interface Dump {
  readonly label: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

/**
 * A bin folder that puts the repo's package manager first on PATH and counts its starts: yarn 4
 * and bun are not on this machine's PATH, and the count shows direct runs start it once.
 */
async function managerBin(pm: TestPackageManager): Promise<{ dir: string; starts: string }> {
  const dir = await mkdtemp(join(tmpdir(), "turbine-pm-bin-"));
  scratch.push(dir);
  const starts = join(dir, "starts.log");
  const [name, target] =
    pm === "berry"
      ? ["yarn", `"${process.execPath}" "${berryCliPath()}"`]
      : pm === "bun"
        ? ["bun", `"${bunBinaryPath()}"`]
        : [pm, `"${onPath(pm)}"`];
  await writeFile(join(dir, name), `#!/bin/sh\necho "$*" >> "${starts}"\nexec ${target} "$@"\n`);
  await chmod(join(dir, name), 0o755);
  return { dir, starts };
}

function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, name))) return resolve(dir, name);
  }
  throw new Error(`${name} is not on PATH`);
}

async function readDumps(file: string): Promise<Dump[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Dump);
}

/**
 * Variables that legitimately differ between the two runs, each with the reason:
 * - DUMP_OUT: this test's own output file, one per run.
 * - yarn 1's first PATH entry: the folder of `node` and `yarn` wrappers yarn writes to a new
 *   temporary directory in every process (`/tmp/yarn--<time>-<random>`); direct execution writes
 *   the same two wrappers into a temporary folder of its own.
 * - berry's BERRY_BIN_FOLDER, npm_execpath, npm_node_execpath and first PATH entry: the
 *   temporary folder yarn 4 creates in every process (`/tmp/xfs-<random>`). Two berry runs differ
 *   there as much (berry tasks run through the package manager either way).
 * - berry's TURBO_HASH: yarn 4 writes its install state into the repo (`.yarn/`) the first time
 *   it runs there, which changes the root package's inputs between the two runs.
 */
function comparable(pm: TestPackageManager, dump: Dump): Dump {
  const differing = ["DUMP_OUT"];
  if (pm === "berry") {
    differing.push("BERRY_BIN_FOLDER", "npm_execpath", "npm_node_execpath", "TURBO_HASH");
  }
  const env = Object.fromEntries(
    Object.entries(dump.env).filter(([key]) => !differing.includes(key)),
  );
  if (pm === "yarn" || pm === "berry") {
    env.PATH = (env.PATH ?? "").split(":").slice(1).join(":");
  }
  return { ...dump, env };
}

/**
 * A log as the two runs must agree on it: yarn 1's `Done in 0.12s.` timing masked, and yarn 1's
 * own stderr lines (`warning ...`, `error ...`) set apart. yarn writes them between lines it
 * writes to stdout (`yarn run v1.22.22`, `$ command`, `info Visit ...`), and a log holds the two
 * pipes in arrival order, which varies from one run through yarn to the next; direct execution
 * writes them in yarn's write order. Both parts must still match line for line.
 */
function comparableLog(pm: TestPackageManager, log: string): string[] {
  const untimed = log.replace(/^Done in \d+\.\d+s\.$/gm, "Done in <time>.");
  if (pm !== "yarn" && pm !== "bun") return [untimed];
  // The stderr lines (yarn 1's warnings; bun's `$ <script>` echo, its `error: script ... exited`
  // line and the `fail` script's own stderr) race the script's stdout through the other pipe:
  // each stream is compared on its own.
  const lines = untimed.split("\n");
  const ownStderr = (line: string): boolean =>
    pm === "yarn"
      ? /^(warning|error) /.test(line)
      : line.startsWith("$ ") || line === "to stderr" || line.startsWith("error: script ");
  return [lines.filter((l) => !ownStderr(l)).join("\n"), lines.filter(ownStderr).join("\n")];
}

const LOGS = [
  "packages/a/.turbo/turbo-build.log",
  "packages/a/.turbo/turbo-echoargs.log",
  "packages/a/.turbo/turbo-fail.log",
  "packages/b/.turbo/turbo-build.log",
  ".turbo/turbo-rootbuild.log",
];

const MANAGERS: readonly TestPackageManager[] = ["npm", "pnpm", "yarn", "berry", "bun"];

describe.each(MANAGERS)("--execution=direct with %s", (pm) => {
  it("gives scripts the environment, PATH, cwd, args, pre/post scripts and logs the package manager gives them", async () => {
    const repo = await create({
      packageManager: pm,
      root: { scripts: { rootbuild: "node dump.js rootbuild" } },
      packages: [
        {
          name: "a",
          scripts: {
            prebuild: "node ../../dump.js prebuild",
            build: "node ../../dump.js build",
            postbuild: "node ../../dump.js postbuild",
            echoargs: "node ../../dump.js echoargs",
            fail: "echo before; echo 'to stderr' >&2; exit 3",
          },
          // yarn 1 checks `engines` itself and normalizes `bin` (such packages run through it).
          // yarn 4 also wants a package with `bin` installed before it runs its scripts.
          packageJson:
            pm === "yarn" || pm === "berry"
              ? { config: { port: "8080" } }
              : { config: { port: "8080" }, engines: { node: ">=18" }, bin: "cli.js" },
        },
        {
          name: "@scope/b",
          dir: "packages/b",
          version: "2.0.0-beta.1",
          scripts: { build: "node ../../dump.js b-build" },
        },
      ],
      turbo: {
        globalPassThroughEnv: ["DUMP_OUT"],
        tasks: { build: {}, echoargs: {}, fail: {}, "//#rootbuild": {} },
      },
      files: { "dump.js": DUMP },
    });
    const bin = await managerBin(pm);
    const out = await mkdtemp(join(tmpdir(), "turbine-dumps-"));
    scratch.push(out);
    const runBoth = async (
      args: readonly string[],
    ): Promise<
      Record<"pm" | "direct", { dumps: Dump[]; logs: string[]; stderr: string; starts: number }>
    > => {
      const result: Partial<
        Record<"pm" | "direct", { dumps: Dump[]; logs: string[]; stderr: string; starts: number }>
      > = {};
      for (const [key, mode] of [
        ["pm", "package-manager"],
        ["direct", "direct"],
      ] as const) {
        const dumpFile = join(out, `${key}-${args[0] ?? ""}.jsonl`);
        await rm(bin.starts, { force: true });
        const run = await runTurbine(
          repo.root,
          [
            "run",
            "--force",
            "--continue",
            `--execution=${mode}`,
            "-v",
            // yarn 4 races itself when several processes first write a repo's install state.
            ...(pm === "berry" ? ["--concurrency=1"] : []),
            ...args,
          ],
          { DUMP_OUT: dumpFile, PATH: `${bin.dir}:${process.env.PATH ?? ""}` },
        );
        const starts = (await readFile(bin.starts, "utf8").catch(() => ""))
          .split("\n")
          .filter(Boolean);
        result[key] = {
          dumps: await readDumps(dumpFile),
          logs: await Promise.all(LOGS.map((l) => repo.read(l).catch(() => "<none>"))),
          stderr: run.stderr,
          starts: starts.length,
        };
      }
      return result as Record<
        "pm" | "direct",
        { dumps: Dump[]; logs: string[]; stderr: string; starts: number }
      >;
    };

    const tasks = await runBoth(["build", "fail", "rootbuild"]);
    const withArgs = await runBoth(["echoargs", "--", ...ARGS]);
    for (const run of [tasks, withArgs]) {
      const byLabel = (dumps: Dump[]): Dump[] =>
        dumps.map((d) => comparable(pm, d)).sort((x, y) => (x.label < y.label ? -1 : 1));
      expect(byLabel(run.direct.dumps)).toEqual(byLabel(run.pm.dumps));
      const logs = (all: string[]): string[][] => all.map((log) => comparableLog(pm, log));
      expect(logs(run.direct.logs)).toEqual(logs(run.pm.logs));
    }
    // The package manager really ran pre/post scripts and got the args (or skipped them).
    const labels = tasks.pm.dumps.map((d) => d.label).sort();
    expect(labels).toEqual(
      pm === "berry"
        ? ["b-build", "build", "rootbuild"]
        : ["b-build", "build", "postbuild", "prebuild", "rootbuild"],
    );
    expect(withArgs.pm.dumps[0]?.argv).toEqual(ARGS);
    if (pm === "berry") {
      expect(tasks.direct.stderr).toContain("NOTICE  direct execution: ");
      expect(tasks.direct.starts).toBe(tasks.pm.starts);
    } else {
      expect(tasks.direct.stderr).not.toContain("NOTICE");
      // One probe per group of tasks (workspace packages, the root package) instead of one
      // start per task: 4 tasks ran here.
      expect(tasks.pm.starts).toBe(4);
      expect(tasks.direct.starts).toBe(2);
    }
  }, 300_000);
});

describe("last known durations", () => {
  it("reads the durations turbo recorded in its local cache", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: 'node -e "setTimeout(() => {}, 300)"' } }],
      turbo: { tasks: { build: { outputs: [] } } },
    });
    expect((await runTurbo(repo.root, ["run", "build"])).code).toBe(0);
    const dry = await turboDryJson(repo.root, ["run", "build"]);
    const task = dry.tasks.find((t) => t.taskId === "a#build");
    const durations = await cacheDurations(
      join(repo.root, ".turbo/cache"),
      new Map([["a#build", { hash: task?.hash ?? "" }]]),
    );
    const meta = JSON.parse(await repo.read(`.turbo/cache/${task?.hash ?? ""}-meta.json`)) as {
      duration: number;
    };
    expect(durations.lastDurationMs("a#build")).toBe(meta.duration);
    expect(meta.duration).toBeGreaterThanOrEqual(300);
  });
});
