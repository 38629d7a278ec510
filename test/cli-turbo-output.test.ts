import { statSync } from "node:fs";
import { chmod, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { main } from "@turbine/cli";
import { type LogRecord } from "@turbine/cli/internal";
import {
  cleanEnv,
  exec,
  type ExecResult,
  runTurbo,
  type TempRepo,
  turboBinary,
  useTempRepos,
} from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine, runTurbineBin } from "./support/turbine.js";

// What a run prints and writes, against the real turbo 2.11.13 on the same repo: --continue's
// errors, --summarize, --graph files and the structured logs of --json and --log-file.

const create = useTempRepos();

const sleepThenFail = (ms: number, code: number): string =>
  `node -e "setTimeout(() => process.exit(${code}), ${ms})"`;

function repoSpec(): Parameters<typeof create>[0] {
  return {
    packages: [
      {
        name: "a",
        dependencies: { b: "*" },
        scripts: { build: "echo a", fail: sleepThenFail(1500, 1) },
      },
      { name: "b", scripts: { build: "echo b", fail: sleepThenFail(3000, 2) } },
      { name: "web", scripts: { build: "echo web", fail: sleepThenFail(0, 3) } },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] }, fail: {} } },
  };
}

/** Product names, run ids and times out, so the two tools' output compares line by line. */
function masked(text: string): string {
  return text
    .replace(/ {3}\u2022 (turbo|turbine) [\d.]+$/gm, "   \u2022 <product>")
    .replace(/\b(turbo|turbine)( uses Graphviz|`)/g, "<product>$2")
    .replace(/Time: {4}\S+/g, "Time:    <t>")
    .replace(/\.turbo\/runs\/\w+\.json/g, ".turbo/runs/<id>.json");
}

describe("--continue", () => {
  it("prints the ERROR lines together at the end and Failed: sorted, as turbo does", async () => {
    const repo = await create(repoSpec());
    const args = ["run", "fail", "--continue"];
    const theirs = await runTurbo(repo.root, args);
    const ours = await runTurbine(repo.root, args);
    expect(ours.code).toBe(theirs.code);
    const errorLines = (r: ExecResult): string[] =>
      r.stderr.split("\n").filter((l) => l.includes("  ERROR  ") || l.includes("  WARNING  "));
    // Failure order: web (at once), then a, then b; the ERROR lines follow every WARNING line.
    expect(errorLines(ours)).toEqual(errorLines(theirs));
    expect(
      errorLines(ours)
        .slice(3)
        .map((l) => l.slice(0, l.indexOf(":"))),
    ).toEqual(["web#fail", "a#fail", "b#fail"]);
    const footer = (r: ExecResult): string[] => masked(r.stdout).split("\n").slice(-6);
    expect(footer(ours)).toEqual(footer(theirs));
    expect(ours.stdout).toContain("Failed:    a#fail, b#fail, web#fail");
    // The closing line follows the flushed ERROR lines; Turbine names the command whose exit code
    // the run returns, where turbo leaves it empty.
    const closing = (r: ExecResult): string | undefined => r.stderr.trimEnd().split("\n").at(-1);
    expect(closing(theirs)).toBe(" ERROR  run failed: command  exited (3)");
    expect(closing(ours)).toMatch(
      /^ ERROR {2}run failed: command \(.*\/packages\/web\) \S*npm run fail exited \(3\)$/,
    );
  });
});

describe("--summarize", () => {
  it("writes turbo's summary: cache.sha of hits, the command with its flags", async () => {
    const repo = await create(repoSpec());
    const args = ["run", "build", "--filter=./packages/*", "--continue", "--summarize"];
    expect((await runTurbo(repo.root, ["run", "build"])).code).toBe(0);
    const theirs = await runTurbo(repo.root, args);
    const turboSummary = await latestSummary(repo);
    const ours = await runTurbine(repo.root, args);
    const ourSummary = await latestSummary(repo);
    // Tasks run in parallel: the footers compare, the interleaved task lines need not.
    const footer = (r: ExecResult): string[] => masked(r.stdout).split("\n").slice(-7);
    expect(footer(ours)).toEqual(footer(theirs));
    const comparable = (summary: Record<string, unknown>): unknown =>
      JSON.parse(
        JSON.stringify(summary)
          .replace(/"(startTime|endTime)":\d+/g, '"$1":0')
          .replace(/"(turbo|turbine) run /, '"<product> run '),
      );
    delete turboSummary.id;
    delete ourSummary.id;
    delete turboSummary.turboVersion;
    delete ourSummary.turboVersion;
    // Turbine's own key (null for a hit) follows turbo's; everything turbo writes is the same.
    const tasks = ourSummary.tasks as { cache: { sha?: string }; missExplanation?: unknown }[];
    expect(tasks.map((t) => t.missExplanation)).toEqual(tasks.map(() => null));
    for (const task of tasks) delete task.missExplanation;
    // And its eviction record, last.
    expect(Object.keys(ourSummary).at(-1)).toBe("turbineCacheEviction");
    delete ourSummary.turbineCacheEviction;
    expect(comparable(ourSummary)).toEqual(comparable(turboSummary));
    expect(tasks.every((t) => /^[0-9a-f]{40}$/.test(t.cache.sha ?? ""))).toBe(true);
    expect((ourSummary.execution as { command: string }).command).toBe(
      "turbine run build --filter=./packages/* --continue=always",
    );
  });
});

async function latestSummary(repo: TempRepo): Promise<Record<string, unknown>> {
  const dir = repo.path(".turbo/runs");
  const names = await readdir(dir);
  const newest = names.sort().at(-1) ?? "";
  const summary = JSON.parse(await readFile(join(dir, newest), "utf8")) as Record<string, unknown>;
  await rm(dir, { recursive: true });
  return summary;
}

describe("--graph=<file>", () => {
  it.each(["graph.dot", "graph.html"])("writes %s byte for byte as turbo", async (file) => {
    const repo = await create(repoSpec());
    const args = ["run", "build", `--graph=${file}`];
    const theirs = await runTurbo(repo.root, args);
    const turboFile = await repo.read(file);
    await repo.remove(file);
    const ours = await runTurbine(repo.root, args);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(await repo.read(file)).toBe(turboFile);
  });

  it("writes the mermaid graph turbo writes (node ids are random in both)", async () => {
    const repo = await create(repoSpec());
    const args = ["run", "build", "--graph=g.mermaid"];
    await runTurbo(repo.root, args);
    const turboFile = await repo.read("g.mermaid");
    await runTurbine(repo.root, args);
    const ids = (text: string): string => text.replace(/\b[A-Z]{4}\(/g, "ID(");
    expect(ids(await repo.read("g.mermaid"))).toBe(ids(turboFile));
  });

  it.each(["graph.png", "graph.json", "graph.pdf", "graph"])(
    "without Graphviz, prints %s's deprecation and the DOT as turbo does",
    async (file) => {
      const repo = await create(repoSpec());
      const args = ["run", "build", `--graph=${file}`];
      const env = { PATH: await pathWithout("dot") };
      const theirs = await exec(await turboBinary(), args, { cwd: repo.root, env: cleanEnv(env) });
      const ours = await runTurbine(repo.root, args, env);
      expect(ours.code).toBe(theirs.code);
      expect(masked(ours.stdout)).toBe(masked(theirs.stdout));
      const warned = (r: ExecResult): string =>
        masked(r.stderr.replace(/ WARNING {2}No locally installed.*\n/, ""));
      expect(warned(ours)).toBe(warned(theirs));
    },
  );

  it("hands .png to Graphviz's dot the way turbo does", async () => {
    const repo = await create(repoSpec());
    // A `dot` that records how it was called; Graphviz itself is not installed here.
    const bin = repo.path(".fake-bin");
    await writeFile(repo.path(".gitignore"), "node_modules/\n.turbo/\n.fake-bin/\ncalls/\n");
    await repo.write(
      ".fake-bin/dot",
      '#!/bin/sh\necho "$@" > "$CALLS/args"\ncat > "$CALLS/stdin"\n',
    );
    await chmod(join(bin, "dot"), 0o755);
    const calls = async (tool: "turbo" | "turbine"): Promise<[string, string]> => {
      const env = { PATH: `${bin}:${process.env.PATH ?? ""}`, CALLS: repo.path(`calls/${tool}`) };
      await repo.write(`calls/${tool}/.keep`, "");
      const args = ["run", "build", "--graph=out/g.png"];
      if (tool === "turbo") await runTurbo(repo.root, args, { env });
      else await runTurbineBin(repo.root, args, env);
      return [await repo.read(`calls/${tool}/args`), await repo.read(`calls/${tool}/stdin`)];
    };
    const theirs = await calls("turbo");
    expect(await calls("turbine")).toEqual(theirs);
    expect(theirs[0]).toBe(`-T png -o ${repo.path("out/g.png")}\n`);
  });

  it("refuses an unknown extension with turbo's message", async () => {
    const repo = await create(repoSpec());
    const theirs = await runTurbo(repo.root, ["run", "build", "--graph=g.mdx"]);
    const ours = await runTurbine(repo.root, ["run", "build", "--graph=g.mdx"]);
    expect(ours.code).toBe(theirs.code);
    const message =
      "invalid value 'g.mdx' for '--graph': Unsupported file extension: mdx. " +
      "Supported extensions are: svg, png, jpg, pdf, json, html, mermaid, dot";
    expect(theirs.stderr).toContain(message);
    expect(ours.stderr).toContain(message);
  });
});

async function pathWithout(tool: string): Promise<string> {
  const dirs: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const names = await readdir(dir).catch(() => [] as string[]);
    if (!names.includes(tool)) dirs.push(dir);
  }
  return dirs.join(":");
}

/** Records without timestamps, product names or times; the log turbo adds about itself dropped. */
function comparable(records: readonly LogRecord[]): string[] {
  return records
    .filter((r) => !r.text.includes("locally installed"))
    .map((r) => {
      expect(Object.keys(r)).toEqual(["source", "level", "timestamp", "text"]);
      expect(Number.isInteger(r.timestamp)).toBe(true);
      return masked(`${r.source} ${r.level} ${r.text}`);
    });
}

describe("structured logs", () => {
  it("--log-file is written while a long log replays, not held until it ends", async () => {
    // 3.2 MB of output: its replay reads the log 1 MiB at a time and waits for the output between.
    const print = `node -e "for (let i = 0; i < 40000; i++) console.log('x'.repeat(80))"`;
    const repo = await create({
      packages: [{ name: "b", scripts: { build: print } }],
      turbo: { tasks: { build: {} } },
    });
    expect((await runTurbine(repo.root, ["run", "build"])).code).toBe(0);
    const file = repo.path("replay.json");
    const sizes: number[] = [];
    const { exitCode } = await main(["run", "build", "--log-file=replay.json"], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: cleanEnv(),
      cwd: repo.root,
      drained: () => {
        sizes.push(statSync(file).size);
        return Promise.resolve();
      },
    });
    expect(exitCode).toBe(0);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    // By the last wait, the records of the chunks replayed so far are in the file.
    expect(sizes.at(-1)).toBeGreaterThan(2 ** 20);
  });

  it.each([["build"], ["fail"]])(
    "--json prints turbo's NDJSON records for `run %s`",
    async (task) => {
      const repo = await create(repoSpec());
      const args = ["run", task, "--filter=b", "--json"];
      const parse = (r: ExecResult): LogRecord[] =>
        r.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as LogRecord);
      for (let round = 0; round < 2; round++) {
        const theirs = await runTurbo(repo.root, args);
        await rm(repo.path(".turbo/cache"), { recursive: true, force: true });
        if (round === 1) await runTurbo(repo.root, ["run", task, "--filter=b"]);
        const ours = await runTurbine(repo.root, args);
        expect(ours.code).toBe(theirs.code);
        expect(comparable(parse(ours))).toEqual(comparable(parse(theirs)));
        if (task === "fail") {
          // On stderr, never a record, in both; Turbine's names the failed command.
          expect(theirs.stderr).toContain(" ERROR  run failed: command  exited (2)");
          expect(ours.stderr).toMatch(
            /^ ERROR {2}run failed: command \(.*\/packages\/b\) \S*npm run fail exited \(2\)$/m,
          );
        }
      }
    },
  );

  it("--log-file writes the records as an owner-only JSON array, inside the repo", async () => {
    const repo = await create(repoSpec());
    const run = async (tool: "turbo" | "turbine", args: string[]): Promise<ExecResult> =>
      tool === "turbo" ? runTurbo(repo.root, args) : runTurbine(repo.root, args);
    const results: string[][] = [];
    for (const tool of ["turbo", "turbine"] as const) {
      await rm(repo.path(".turbo"), { recursive: true, force: true });
      const result = await run(tool, ["run", "build", "--filter=b", "--log-file"]);
      const [name] = await readdir(repo.path(".turbo/logs"));
      expect(name).toMatch(/^\d{13}\.json$/);
      const file = repo.path(`.turbo/logs/${name ?? ""}`);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(result.stderr).toContain(
        ` structured logs will capture all output (including potential secrets) to ${file}`,
      );
      results.push(comparable(JSON.parse(await readFile(file, "utf8")) as LogRecord[]));
      const outside = await run(tool, ["run", "build", "--filter=b", "--log-file=../x.json"]);
      expect(outside.stderr).toContain(
        " WARNING  Structured log path '../x.json' escapes the repository root, using default location",
      );
    }
    expect(results[1]).toEqual(results[0]);
  });
});
