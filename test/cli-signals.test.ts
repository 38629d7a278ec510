import { readFile } from "node:fs/promises";
import { join } from "node:path";

import {
  cleanEnv,
  type ExecResult,
  isProcessAlive,
  runInterrupted,
  type SignalStep,
  type TempRepo,
  turboBinary,
  useTempRepos,
} from "@turbine/test-utils";
import { describe, expect, it, vi } from "vitest";

import { TURBINE_BIN } from "./support/turbine.js";

// Ctrl-C and SIGTERM against turbo 2.11.13 (its real executable, not the npm shim) and the
// turbine bin, on the same repo: turbo 2.10+ prints a notice, forwards SIGINT to the tasks' process
// groups, waits for them (10 s, or until a second Ctrl-C), then prints its footer and exits 0.

const node = (script: string): string => `node -e ${JSON.stringify(script)}`;
const GRACEFUL = node(
  "process.on('SIGINT',()=>{console.log('got SIGINT');setTimeout(()=>process.exit(0),300)});console.log('up');setInterval(()=>{},1000)",
);
/** Ignores SIGINT and starts a grandchild that does too; writes the grandchild's pid. */
const STUBBORN = node(
  "process.on('SIGINT',()=>console.log('ignoring SIGINT'));" +
    "const c=require('child_process').spawn(process.execPath,['-e','process.on(\\'SIGINT\\',()=>{});setInterval(()=>{},1000)'],{stdio:'ignore'});" +
    "require('fs').writeFileSync('grandchild.pid',String(c.pid));console.log('up');setInterval(()=>{},1000)",
);

const create = useTempRepos();

async function signalRepo(): Promise<TempRepo> {
  return create({
    packages: [
      { name: "graceful", scripts: { dev: GRACEFUL } },
      { name: "stubborn", scripts: { dev: STUBBORN } },
    ],
    turbo: { tasks: { dev: { cache: false, persistent: true } } },
    files: { ".gitignore": "node_modules/\n.turbo/\ngrandchild.pid\n" },
  });
}

type Tool = "turbo" | "turbine";

async function interrupted(
  tool: Tool,
  repo: TempRepo,
  args: readonly string[],
  steps: readonly SignalStep[],
): Promise<ExecResult> {
  const [command, prefix] =
    tool === "turbo" ? [await turboBinary(), []] : [process.execPath, [TURBINE_BIN]];
  return runInterrupted(command, [...prefix, ...args], { cwd: repo.root, env: cleanEnv(), steps });
}

/** Product names and timings out, so the two tools' output compares line by line. */
function normalized(stdout: string): string[] {
  return stdout
    .replace(/^ {3}\u2022 (turbo|turbine) \S+$/m, "   \u2022 <product>")
    .replace(/(Turborepo|Turbine) tasks/g, "<product> tasks")
    .replace(/Time: {4}\S+/, "Time:    <t>")
    .split("\n");
}

describe("Ctrl-C and SIGTERM, as turbo 2.11.13 handles them", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "on %s: prints the shutdown notice, forwards SIGINT to the tasks and exits 0",
    async (signal) => {
      const repo = await signalRepo();
      const results: Partial<Record<Tool, ExecResult>> = {};
      for (const tool of ["turbo", "turbine"] as const) {
        results[tool] = await interrupted(
          tool,
          repo,
          ["run", "dev", "--filter=graceful"],
          [{ signal, when: /graceful:dev: up\n/ }],
        );
      }
      const { turbo, turbine } = results as Record<Tool, ExecResult>;
      expect(turbine.code).toBe(turbo.code);
      expect(turbine.code).toBe(0);
      for (const line of [
        "<product> tasks",
        "graceful:dev: got SIGINT",
        " Tasks:    0 successful, 1 total",
      ]) {
        expect(normalized(turbo.stdout).some((l) => l.includes(line))).toBe(true);
        expect(normalized(turbine.stdout).some((l) => l.includes(line))).toBe(true);
      }
      expect(normalized(turbine.stdout)).toContain("Shutting down <product> tasks...");
      expect(normalized(turbine.stdout).slice(-6)).toEqual(normalized(turbo.stdout).slice(-6));
      expect(turbine.stderr).not.toContain("ERROR");
    },
    90_000,
  );

  it("kills a task that ignores SIGINT, and its process group, at a second Ctrl-C", async () => {
    const repo = await signalRepo();
    const steps: SignalStep[] = [
      { signal: "SIGINT", when: /stubborn:dev: up\n/ },
      { signal: "SIGINT", when: /ignoring SIGINT\n/ },
    ];
    for (const tool of ["turbo", "turbine"] as const) {
      const result = await interrupted(tool, repo, ["run", "dev", "--filter=stubborn"], steps);
      expect(result.code).toBe(0);
      expect(normalized(result.stdout)).toContain("Force killed <product> tasks: stubborn#dev");
      const grandchild = Number(
        await readFile(join(repo.root, "packages/stubborn/grandchild.pid"), "utf8"),
      );
      await vi.waitFor(
        () => {
          expect(isProcessAlive(grandchild)).toBe(false);
        },
        { timeout: 5000, interval: 100 },
      );
    }
  }, 90_000);

  it("force-kills after turbo's 10 s grace period, reporting the tasks still stopping", async () => {
    const repo = await signalRepo();
    const results: string[][] = [];
    for (const tool of ["turbo", "turbine"] as const) {
      const result = await interrupted(
        tool,
        repo,
        ["run", "dev", "--filter=stubborn"],
        [{ signal: "SIGTERM", when: /stubborn:dev: up\n/ }],
      );
      expect(result.code).toBe(0);
      results.push([...new Set(normalized(result.stdout))].filter((l) => /shutting|Force/.test(l)));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toEqual([
      "1 task shutting down...",
      "Graceful shutdown timed out. Force killed <product> tasks: stubborn#dev",
    ]);
  }, 120_000);
});
