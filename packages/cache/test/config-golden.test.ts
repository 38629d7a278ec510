import { remoteCacheBanner, resolveCacheSettings, resolveRemoteCacheConfig } from "@turbine/cache";
import { parseCacheConfig } from "@turbine/cache/internal";
import type { CachingStatus } from "@turbine/remote-cache";
import {
  type FaultServer,
  runTurbo,
  startFaultServer,
  type TempRepo,
  useTempRepos,
} from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Golden values from the real turbo 2.11.13 binary: the `--cache` error texts and the remote
 * caching banner line of `turbo run --dry`, compared with what this package computes for the same
 * environment.
 */
const create = useTempRepos();
let repo: TempRepo;
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.stop();
});

async function workspace(turbo: unknown = { tasks: { build: {} } }): Promise<TempRepo> {
  repo = await create({
    packages: [{ name: "a", scripts: { build: "echo built" } }],
    turbo,
    install: false,
  });
  return repo;
}

/** turbo's diagnostics wrap at 80 columns with `  | ` continuation lines; join them back. */
const unwrap = (text: string): string => text.replace(/\s*\n\s*\|\s*/g, " ");

function bannerLine(output: string): string | undefined {
  return /• (Remote caching [^\n]*)/.exec(output)?.[1]?.trim();
}

describe("TURBO_CACHE errors match turbo's", () => {
  it("prints the same message for each malformed value", async () => {
    const root = (await workspace()).root;
    for (const value of ["local:rx", "file:r", "local:r,local:w", "local:rr", "local=rx"]) {
      const parsed = parseCacheConfig(value);
      if (parsed.ok) throw new Error(`expected ${value} to be invalid`);
      const turbo = await runTurbo(root, ["run", "build", "--dry"], {
        env: { TURBO_CACHE: value },
      });
      expect(turbo.code).not.toBe(0);
      expect(unwrap(turbo.stdout + turbo.stderr)).toContain(parsed.error.message);
    }
  });
});

describe("the remote caching banner matches turbo's", () => {
  async function compare(
    env: Record<string, string>,
    turboJson?: Record<string, unknown>,
    status?: CachingStatus,
  ) {
    const root = (await workspace({ tasks: { build: {} }, ...turboJson })).root;
    const turbo = await runTurbo(root, ["run", "build", "--dry"], { env });
    const config = resolveRemoteCacheConfig({ env, turboJson: turboJson?.remoteCache as never });
    if (!config.ok) throw config.error;
    const cache = resolveCacheSettings({ env, remoteAvailable: config.value.state === "ready" });
    if (!cache.ok) throw cache.error;
    const ours = remoteCacheBanner({ ...config.value, cache: cache.value, status });
    expect(bannerLine(turbo.stdout + turbo.stderr)).toBe(ours.text);
  }

  it("says disabled without a token", () => compare({ TURBO_TEAM: "myteam" }));
  it("names a token set without a team", () => compare({ TURBO_TOKEN: "tok" }));
  it("says disabled in configuration", () =>
    compare({ TURBO_TOKEN: "tok", TURBO_TEAM: "t" }, { remoteCache: { enabled: false } }));
  it("says disabled by flags", () =>
    compare({ TURBO_TOKEN: "tok", TURBO_TEAM: "t", TURBO_CACHE: "local:rw" }));

  const live = (extra: Record<string, string> = {}) => ({
    TURBO_TOKEN: "tok",
    TURBO_TEAM: "myteam",
    TURBO_API: server.url,
    ...extra,
  });
  const statusRule = (status: number, body: unknown) => {
    server.setRules([
      { path: "/v8/artifacts/status", fault: { status, body: JSON.stringify(body) } },
    ]);
  };

  it("says enabled (read-only) for remote:r", async () => {
    statusRule(200, { status: "enabled" });
    await compare(live({ TURBO_CACHE: "local:rw,remote:r" }), undefined, { kind: "enabled" });
  });
  for (const [status, body, ours] of [
    [200, { status: "disabled" }, { kind: "disabled" }],
    [200, { status: "over_limit" }, { kind: "over_limit" }],
    [200, { status: "paused" }, { kind: "paused" }],
    [403, { error: { code: "forbidden", message: "no" } }, { kind: "auth-failed" }],
    [404, {}, { kind: "unreachable" }],
  ] as const) {
    it(`says unavailable for status ${status} ${JSON.stringify(body)}`, async () => {
      statusRule(status, body);
      await compare(live(), undefined, ours);
    });
  }
});
