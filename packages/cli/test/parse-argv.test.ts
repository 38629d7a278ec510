import { parseArgv, type RunFlags } from "@turbine/cli/internal";
import { describe, expect, it } from "vitest";

function parse(argv: string[]): { result: ReturnType<typeof parseArgv>; out: string; err: string } {
  let out = "";
  let err = "";
  const result = parseArgv(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    version: "0.1.0",
  });
  return { result, out, err };
}

function runFlags(argv: string[]): RunFlags {
  const { result } = parse(argv);
  if (result.kind !== "command" || result.name !== "run") {
    throw new Error(`expected a run, got ${JSON.stringify(result)}`);
  }
  return result.flags as RunFlags;
}

describe("parseArgv", () => {
  it("treats `turbine build` as `turbine run build`", () => {
    expect(runFlags(["build", "test"]).tasks).toEqual(["build", "test"]);
    expect(runFlags(["run", "build"]).tasks).toEqual(["build"]);
  });

  it("reads --execution and -v", () => {
    const flags = runFlags(["run", "build", "--execution=direct", "-v"]);
    expect(flags.execution).toBe("direct");
    // turbo's `-v` is a verbosity level; from 1 on, Turbine prints its notices.
    expect(flags.global.verbosity).toBe(1);
    expect(runFlags(["run", "build"]).execution).toBeUndefined();
    expect(parse(["run", "build", "--execution=fast"]).result).toEqual({
      kind: "exit",
      exitCode: 1,
    });
  });

  it("finds the task after global options that take values", () => {
    const flags = runFlags(["--cwd", "apps", "--filter", "web", "build"]);
    expect(flags.tasks).toEqual(["build"]);
    expect(flags.global.cwd).toBe("apps");
    expect(flags.filter).toEqual(["web"]);
  });

  it("passes everything after -- to the tasks untouched", () => {
    const flags = runFlags(["run", "build", "--", "--watch", "-x", "--", "y"]);
    expect(flags.tasks).toEqual(["build"]);
    expect(flags.passThroughArgs).toEqual(["--watch", "-x", "--", "y"]);
  });

  it.each([
    [["run", "build", "--continue"], "always"],
    [["run", "--continue", "build"], "always"],
    [["run", "build", "--continue=dependencies-successful"], "dependencies-successful"],
    [["run", "build", "--continue", "never"], "never"],
    [["run", "build"], undefined],
  ])("reads %j as continue mode %s", (argv, mode) => {
    expect(runFlags(argv).continue).toBe(mode);
  });

  it("never takes a task name as the value of an optional flag", () => {
    const flags = runFlags(["run", "--force", "build", "--summarize", "lint"]);
    expect(flags.tasks).toEqual(["build", "lint"]);
    expect(flags.force).toBe(true);
    expect(flags.summarize).toBe(true);
  });

  it.each([
    [["build", "--dry"], "text"],
    [["build", "--dry=json"], "json"],
    [["build", "--dry-run", "json"], "json"],
    [["build", "--dry", "text"], "text"],
  ])("reads %j as dry mode %s", (argv, mode) => {
    expect(runFlags(argv).dry).toBe(mode);
  });

  it("prints DOT for a bare --graph and writes a file for --graph=<file>", () => {
    expect(runFlags(["build", "--graph"]).graph).toBe(true);
    expect(runFlags(["--graph", "build"]).graph).toBe(true);
    expect(runFlags(["build", "--graph=out.mermaid"]).graph).toBe("out.mermaid");
    expect(runFlags(["build", "--graph", "g.dot"]).graph).toBe("g.dot");
  });

  it("collects repeated --filter and --global-deps", () => {
    const flags = runFlags([
      "build",
      "-F",
      "a...",
      "--filter=!b",
      "--global-deps",
      ".env",
      "--global-deps=x",
    ]);
    expect(flags.filter).toEqual(["a...", "!b"]);
    expect(flags.globalDeps).toEqual([".env", "x"]);
  });

  it("keeps --cache, --no-cache and --force apart for turbo's conflict checks", () => {
    expect(runFlags(["build", "--cache=local:r,remote:rw"])).toMatchObject({
      cache: "local:r,remote:rw",
      noCache: false,
    });
    expect(runFlags(["build", "--no-cache"])).toMatchObject({ cache: undefined, noCache: true });
    expect(runFlags(["build", "--force=false"]).force).toBe(false);
  });

  it("reads the remote cache flags", () => {
    const flags = runFlags([
      "build",
      "--token",
      "t0k",
      "--team=acme",
      "--api",
      "http://127.0.0.1:1",
      "--preflight",
      "--remote-cache-timeout",
      "5",
    ]);
    expect(flags.global).toMatchObject({
      token: "t0k",
      team: "acme",
      api: "http://127.0.0.1:1",
      preflight: true,
      remoteCacheTimeout: 5,
    });
  });

  it("reads output, env and scheduling flags", () => {
    const flags = runFlags([
      "build",
      "--output-logs=new-only",
      "--log-order",
      "grouped",
      "--log-prefix=none",
      "--env-mode=loose",
      "--framework-inference=false",
      "--concurrency=50%",
      "--only",
      "--parallel",
      "--single-package",
      "--cache-dir",
      "/tmp/c",
    ]);
    expect(flags).toMatchObject({
      outputLogs: "new-only",
      logOrder: "grouped",
      logPrefix: "none",
      envMode: "loose",
      frameworkInference: false,
      concurrency: "50%",
      only: true,
      parallel: true,
      singlePackage: true,
      cacheDir: "/tmp/c",
    });
  });

  it("rejects an unknown --output-logs value with exit code 1", () => {
    const { result, err } = parse(["build", "--output-logs=loud"]);
    expect(result).toEqual({ kind: "exit", exitCode: 1 });
    expect(err).toMatch(/Allowed choices are full, hash-only, new-only, errors-only, none/);
  });

  it("prints help generated from the real options and exits 0", () => {
    const { result, out } = parse(["run", "--help"]);
    expect(result).toEqual({ kind: "exit", exitCode: 0 });
    expect(out).toContain("--continue [mode]");
    expect(out).toContain("--dry [mode]");
  });

  it("prints the version", () => {
    const { result, out } = parse(["--version"]);
    expect(result).toEqual({ kind: "exit", exitCode: 0 });
    expect(out.trim()).toBe("0.1.0");
  });

  it("accepts turbo's global and run flags that Turbine used to refuse", () => {
    const flags = runFlags([
      "build",
      "--ui=tui",
      "-vv",
      "--root-turbo-json",
      "cfg/turbo.json",
      "--pkg-inference-root=apps/web",
      "--no-daemon",
      "--json",
      "--log-file",
      "--profile=p.trace",
      "--heap",
      "h",
      "--experimental-otel-enabled",
    ]);
    expect(flags.tasks).toEqual(["build"]);
    expect(flags).toMatchObject({
      daemon: false,
      json: true,
      logFile: true,
      profile: "p.trace",
      global: {
        ui: "tui",
        verbosity: 2,
        rootTurboJson: "cfg/turbo.json",
        pkgInferenceRoot: "apps/web",
        ignored: ["--heap", "--experimental-otel-enabled"],
      },
    });
    expect(runFlags(["build", "--verbosity=3"]).global.verbosity).toBe(3);
    expect(runFlags(["build", "--log-file=out.json"]).logFile).toBe("out.json");
  });

  it("takes turbo's other subcommands for commands, never for tasks", () => {
    for (const name of ["watch", "prune", "gen", "g", "login"]) {
      const { result } = parse([name, "build", "--docker"]);
      expect(result).toMatchObject({ kind: "command" });
      expect(result.kind === "command" && result.name).not.toBe("run");
    }
  });

  it("parses ls with --output json", () => {
    const { result } = parse(["ls", "--output", "json", "-F", "a"]);
    expect(result).toMatchObject({
      kind: "command",
      name: "ls",
      flags: { output: "json", filter: ["a"] },
    });
  });

  it("reads --explain on run, and why with its task, --against and args after --", () => {
    expect(runFlags(["run", "build", "--explain"]).explain).toBe(true);
    expect(runFlags(["build"]).explain).toBe(false);
    const { result } = parse(["why", "web#build", "--against", "ci", "--cwd", "x", "--", "-v"]);
    expect(result).toMatchObject({
      kind: "command",
      name: "why",
      flags: { task: "web#build", against: "ci", passThroughArgs: ["-v"], global: { cwd: "x" } },
    });
  });
});
