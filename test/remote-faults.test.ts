import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";

import {
  cleanEnv,
  type ExecResult,
  type Fault,
  type FaultServer,
  type RecordedRequest,
  runTurbo,
  startFaultServer,
  type TempRepo,
  turboDryJson,
  useTempRepos,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { runTurbineBin, TURBINE_BIN } from "./support/turbine.js";

// A remote cache that misbehaves, side by side with turbo: both run with a 4 s remote timeout
// (TURBO_REMOTE_CACHE_TIMEOUT), and the fault server records when each request arrived and
// when its exchange ended, so the tests time how soon each tool gives up. The margins are wide:
// the machine is shared, but a tool that waits one timeout too many is seconds off, not tenths.

const TIMEOUT_S = 4;
const create = useTempRepos();
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const build = (name: string): string =>
  `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/${name}','${name}')"`;

/** `b` depends on `a`: without fetching ahead, b's download would wait for a's. */
async function repoWithChain(): Promise<{ repo: TempRepo; hashes: string[] }> {
  const repo = await create({
    packages: [
      { name: "a", scripts: { build: build("a") } },
      { name: "b", dependencies: { a: "*" }, scripts: { build: build("b") } },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } },
  });
  const hashes = (await turboDryJson(repo.root)).tasks.map((t) => t.hash);
  return { repo, hashes };
}

async function faultyRemote(
  fault: Fault,
  path = /\/v8\/artifacts\/[0-9a-f]+$/,
): Promise<FaultServer> {
  server = await startFaultServer({ rules: [{ method: "GET", path, fault }] });
  return server;
}

function remoteEnv(remote: FaultServer): Record<string, string> {
  return {
    TURBO_API: remote.url,
    TURBO_TOKEN: "t0ken",
    TURBO_TEAMID: "team_x",
    TURBO_REMOTE_CACHE_TIMEOUT: String(TIMEOUT_S),
  };
}

/** Runs one tool from a clean local cache; returns its output and the GETs it sent. */
async function runWith(
  tool: "turbo" | "turbine",
  repo: TempRepo,
  remote: FaultServer,
  args: readonly string[] = ["run", "build"],
): Promise<{ ran: ExecResult; gets: RecordedRequest[]; seconds: number }> {
  await repo.remove(".turbo");
  await repo.remove("packages/a/dist");
  await repo.remove("packages/b/dist");
  remote.requests.length = 0;
  const env = remoteEnv(remote);
  const start = Date.now();
  const ran =
    tool === "turbo"
      ? await runTurbo(repo.root, args, { env })
      : await runTurbineBin(repo.root, args, env);
  const seconds = (Date.now() - start) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the server see the last close
  const gets = remote.requests.filter(
    (r) => r.method === "GET" && /\/v8\/artifacts\/[0-9a-f]+(\?|$)/.test(r.url),
  );
  return { ran, gets, seconds };
}

const closedS = (r: RecordedRequest): number =>
  (r.closedAfterMs ?? Number.POSITIVE_INFINITY) / 1000;

describe("a remote cache that misbehaves", () => {
  it("abandons a download that cannot be an artifact at its first bytes (a 5 GB trickle of HTML)", async () => {
    const { repo } = await repoWithChain();
    const remote = await faultyRemote({
      status: 200,
      headers: { "content-length": String(5e9), "content-type": "text/html" },
      trickle: { chunk: "<html>", everyMs: 200 },
    });
    const turbo = await runWith("turbo", repo, remote);
    expect(turbo.ran.code).toBe(0);
    expect(turbo.gets.map(closedS).every((s) => s >= TIMEOUT_S - 0.5)).toBe(true);
    const ours = await runWith("turbine", repo, remote);
    expect(ours.ran.code, ours.ran.stderr).toBe(0);
    expect(ours.ran.stdout).toContain("Tasks:    2 successful, 2 total");
    expect(ours.gets).toHaveLength(2);
    for (const get of ours.gets) expect(closedS(get)).toBeLessThan(1.5);
    expect(ours.ran.stderr).toMatch(
      /WARNING {2}a#build: .*not an artifact \(it starts with 3c 68 74 6d/,
    );
  });

  it("fetches every task's artifact at once: half a body then silence costs one timeout, not one per task", async () => {
    const { repo, hashes } = await repoWithChain();
    const remote = await faultyRemote({ stallAfter: 32 * 1024 });
    const body = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), randomBytes(64 * 1024)]);
    for (const tool of ["turbo", "turbine"] as const) {
      // Each run uploads its own build: the stalling entries are put back before every run.
      for (const hash of hashes) remote.artifacts.set(hash, { body, headers: {} });
      const { ran, gets } = await runWith(tool, repo, remote);
      expect(ran.stdout, tool).toContain("Cached:    0 cached, 2 total");
      expect(ran.code, `${tool}: ${ran.stderr}`).toBe(0);
      expect(gets, tool).toHaveLength(2);
      const [first, second] = [...gets].sort((x, y) => x.at - y.at) as [
        RecordedRequest,
        RecordedRequest,
      ];
      // The dependent's download started before the first one was given up on.
      expect(second.at - first.at, tool).toBeLessThan(TIMEOUT_S * 1000 - 1000);
      for (const get of gets) expect(closedS(get), tool).toBeLessThan(TIMEOUT_S + 1.5);
    }
  });

  it("bounds a GET whose headers never come by one timeout, retries included (turbo: two and a sleep)", async () => {
    const { repo } = await repoWithChain();
    const remote = await faultyRemote({ hang: true });
    const turbo = await runWith("turbo", repo, remote);
    expect(turbo.ran.code).toBe(0);
    // turbo retries the timed-out GET after 2 s: each hash is asked twice.
    expect(turbo.gets).toHaveLength(4);
    const ours = await runWith("turbine", repo, remote);
    expect(ours.ran.code).toBe(0);
    expect(ours.gets).toHaveLength(2);
    for (const get of ours.gets) expect(closedS(get)).toBeLessThan(TIMEOUT_S + 1.5);
    expect(ours.seconds).toBeLessThan(turbo.seconds);
  });

  it("says when the remote did not answer a --dry run, within one timeout (turbo: two, and a warning)", async () => {
    const { repo } = await repoWithChain();
    server = await startFaultServer({
      rules: [{ path: /\/v8\/artifacts(\/[0-9a-f]+)?$/, fault: { hang: true } }],
    });
    const turbo = await runWith("turbo", repo, server, ["run", "build", "--dry=json"]);
    expect(turbo.ran.code).toBe(0);
    expect(turbo.ran.stderr).toContain("WARNING");
    const ours = await runWith("turbine", repo, server, ["run", "build", "--dry=json"]);
    expect(ours.ran.code).toBe(0);
    expect(JSON.parse(ours.ran.stdout)).toMatchObject({ tasks: [{}, {}] });
    expect(ours.ran.stderr).toMatch(/ WARNING {2}Remote cache did not answer/);
    expect(ours.seconds).toBeLessThan(TIMEOUT_S + 3);
    expect(ours.seconds).toBeLessThan(turbo.seconds);
  });

  it("cancels a pending GET at once on SIGINT and sends no retry", async () => {
    const { repo } = await repoWithChain();
    const remote = await faultyRemote({ hang: true });
    const child = spawn(process.execPath, [TURBINE_BIN, "run", "build"], {
      cwd: repo.root,
      env: cleanEnv(remoteEnv(remote)),
      stdio: "ignore",
    });
    const exited = new Promise<number>((resolve) =>
      child.on("exit", () => {
        resolve(Date.now());
      }),
    );
    while (remote.count("GET", /\/v8\/artifacts\/[0-9a-f]+$/) < 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const signalled = Date.now();
    child.kill("SIGINT");
    expect((await exited) - signalled).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(remote.count("GET", /\/v8\/artifacts\/[0-9a-f]+$/)).toBe(2);
  });
});

describe("a preflight that points elsewhere", () => {
  it("never sends the token to an origin other than the configured API (turbo does)", async () => {
    const { repo, hashes } = await repoWithChain();
    const other = await startFaultServer();
    try {
      const api = await startFaultServer();
      server = api;
      const [hash] = hashes;
      api.setRules([
        {
          method: "OPTIONS",
          fault: {
            headers: {
              location: `${other.url}/v8/artifacts/${hash ?? ""}`,
              "access-control-allow-headers": "Authorization, User-Agent",
            },
          },
        },
      ]);
      const env = { ...remoteEnv(api), TURBO_PREFLIGHT: "1" };
      const authTo = (s: FaultServer): unknown[] =>
        s.requests.map((r) => r.headers.authorization).filter((a) => a !== undefined);
      await runTurbo(repo.root, ["run", "build"], { env });
      // turbo follows the other origin's Location with the token: what Turbine must not do.
      expect(authTo(other)).toContain("Bearer t0ken");
      other.requests.length = 0;
      await repo.remove(".turbo");
      const ours = await runTurbineBin(repo.root, ["run", "build"], env);
      expect(ours.code).toBe(0);
      expect(other.requests).toEqual([]);
      expect(authTo(api).length).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});
