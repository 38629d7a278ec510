import { readFile } from "node:fs/promises";
import path from "node:path";

import { signLegacyArtifactTag } from "@turbine/remote-cache/internal";
import { describe, expect, it } from "vitest";

import { FIXTURE_KEY, FIXTURE_TEAM } from "./fixtures.js";
import { BODY, codes, HASH, kinds, TAG, TOKEN, useHarness, wireOrder } from "./harness.js";

const h = useHarness();
const GET = `/v8/artifacts/${HASH}`;
const fetchIt = async (options = {}) =>
  (await h.client(options)).fetch(HASH, { tempDir: h.tempDir });

describe("GET /v8/artifacts/{hash}", () => {
  it("streams a verified hit into a temp file with turbo's request shape", async () => {
    const client = await h.client();
    h.seed();
    const hit = await client.fetch(HASH, { tempDir: h.tempDir });
    expect(hit).toMatchObject({ size: BODY.length, durationMs: 1234, tag: TAG });
    expect(path.dirname(hit?.path ?? "")).toBe(h.tempDir);
    expect(path.basename(hit?.path ?? "")).toMatch(/^\.aabe90dc3b32242a\.[0-9a-f]{12}\.tmp$/);
    expect(await readFile(hit?.path ?? "")).toEqual(BODY);
    const [req] = h.server.requests;
    expect(req?.url).toBe(`${GET}?teamId=team_abc123&slug=myteam`);
    expect(wireOrder(req)).toEqual(["user-agent", "authorization", "accept"]);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers["user-agent"]).toMatch(/^turbine \S+ node v\d+\.\d+\.\d+ \S+ \S+$/);
    expect(h.warnings).toEqual([]);
  });

  it("is a miss on 404 with one request and no warning", async () => {
    expect(await fetchIt()).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(h.warnings).toEqual([]);
  });

  it("is a quiet miss on 401, not retried", async () => {
    const client = await h.client();
    h.server.setRules([{ path: GET, fault: { status: 401 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(h.warnings.map((w) => [w.kind, w.level, w.error?.code])).toEqual([
      ["fetch-failed", "debug", "ERR_REMOTE_CACHE_HTTP"],
    ]);
  });

  for (const status of [429, 500, 503]) {
    it(`retries ${status} once after 2 s, then misses`, async () => {
      const client = await h.client();
      h.server.setRules([{ path: GET, fault: { status } }]);
      expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
      expect(h.server.count("GET", GET)).toBe(2);
      expect(h.sleeps).toEqual([2000]);
    });
  }

  it("does not retry 501", async () => {
    const client = await h.client();
    h.server.setRules([{ path: GET, fault: { status: 501 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
  });

  it("recovers when the retry succeeds", async () => {
    const client = await h.client();
    h.seed();
    h.server.setRules([{ path: GET, times: 1, fault: { status: 502 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({ size: BODY.length });
    expect(h.server.count("GET", GET)).toBe(2);
  });

  it("misses on 403 remote_caching_disabled but keeps uploading", async () => {
    const client = await h.client();
    const body = JSON.stringify({ error: { code: "remote_caching_disabled", message: "off" } });
    h.server.setRules([{ method: "GET", path: GET, fault: { status: 403, body } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_DISABLED"]);
    expect(h.warnings[0]?.level).toBe("debug");
  });

  it("turns reads and uploads off after 403 forbidden, with turbo's warning", async () => {
    const client = await h.client();
    const body = JSON.stringify({ error: { code: "forbidden", message: "no" } });
    h.server.setRules([{ path: GET, fault: { status: 403, body } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(await client.put(HASH, { path: "/nonexistent", size: 1, durationMs: 1 })).toEqual({
      status: "skipped",
      reason: "uploads-disabled",
    });
    expect(h.server.requests).toHaveLength(1);
    expect(h.warnings.map((w) => w.message)).toEqual([
      "Remote cache returned 403 for a read and access could not be restored; disabling remote cache reads and uploads for this run",
    ]);
  });

  it("misses on a connection reset", async () => {
    const client = await h.client();
    h.server.setRules([{ path: GET, fault: { reset: true } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_NETWORK"]);
  });

  it("misses on a truncated body and leaves no temp file", async () => {
    const client = await h.client();
    h.seed();
    h.server.setRules([
      { path: GET, fault: { truncateAt: 100, headers: { "content-length": String(BODY.length) } } },
    ]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_NETWORK"]);
    expect(await h.leftovers()).toEqual([]);
  });

  it("times out a body that is too slow, once, and cleans up", async () => {
    const client = await h.client({ timeoutMs: 150 });
    h.seed();
    h.server.setRules([{ path: GET, fault: { bodyDelayMs: 600 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TIMEOUT"]);
    expect(await h.leftovers()).toEqual([]);
  });

  it("gives a GET whose headers never come one attempt within its deadline, as turbo", async () => {
    const client = await h.client({ timeoutMs: 150 });
    h.server.setRules([{ path: GET, fault: { delayMs: 400 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(h.sleeps).toEqual([]);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TIMEOUT"]);
  });

  it("misses on a non-integer x-artifact-duration", async () => {
    const client = await h.client();
    h.seed({ "x-artifact-tag": TAG, "x-artifact-duration": "12.5" });
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_DURATION_INVALID"]);
  });
});

describe("x-artifact-tag checks before a hit is handed back", () => {
  const cases: [string, Record<string, string>, { flipByteAt?: number }, string][] = [
    ["a missing tag", { "x-artifact-duration": "1" }, {}, "ERR_REMOTE_CACHE_TAG_MISSING"],
    [
      "a wrong tag",
      { "x-artifact-tag": TAG.replace(/^./, TAG.startsWith("A") ? "B" : "A") },
      {},
      "ERR_REMOTE_CACHE_TAG_INVALID",
    ],
    ["a malformed tag", { "x-artifact-tag": "not-base64" }, {}, "ERR_REMOTE_CACHE_TAG_INVALID"],
    [
      "a flipped body byte",
      { "x-artifact-tag": TAG },
      { flipByteAt: 200 },
      "ERR_REMOTE_CACHE_TAG_INVALID",
    ],
  ];
  for (const [what, headers, fault, code] of cases) {
    it(`treats ${what} as a quiet miss and deletes the download`, async () => {
      const client = await h.client();
      h.seed(headers);
      h.server.setRules([{ path: GET, fault }]);
      expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
      expect(kinds(h)).toEqual(["verify-failed"]);
      expect(codes(h)).toEqual([code]);
      expect(await h.leftovers()).toEqual([]);
    });
  }

  it("verifies a chunked body of unknown length from the spool", async () => {
    const client = await h.client();
    h.seed();
    h.server.setRules([{ path: GET, fault: { headers: { "content-length": undefined } } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({ size: BODY.length });
  });

  it("accepts a legacy v1 tag", async () => {
    const client = await h.client();
    h.seed({
      "x-artifact-tag": signLegacyArtifactTag(
        { key: FIXTURE_KEY, hash: HASH, teamId: FIXTURE_TEAM },
        BODY,
      ),
    });
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({ size: BODY.length });
  });

  it("takes an untagged artifact when signing is off", async () => {
    const client = await h.client({ signatureKey: undefined });
    h.seed({});
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({
      durationMs: 0,
      tag: undefined,
    });
  });

  it("sends no request when signing is on but the key is unset", async () => {
    const client = await h.client({ signatureKey: undefined, signing: true });
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.requests).toHaveLength(0);
  });
});

describe("the outage breaker", () => {
  it("skips remote calls for 30 s after three outages, warns once, then probes once", async () => {
    let now = 0;
    const client = await h.client({ clock: () => now });
    h.server.setRules([{ path: GET, fault: { status: 500 } }]);
    for (let i = 0; i < 4; i++) await client.fetch(HASH, { tempDir: h.tempDir });
    expect(h.server.count("GET", GET)).toBe(6);
    expect(h.warnings.filter((w) => w.kind === "outage").map((w) => w.message)).toEqual([
      "Remote artifact cache is temporarily unavailable; retrying after a 30-second cooldown",
    ]);
    expect(await client.put(HASH, { path: "/nonexistent", size: 1, durationMs: 1 })).toEqual({
      status: "skipped",
      reason: "remote-unavailable",
    });
    now += 30_000;
    h.server.setRules([]);
    h.seed();
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeDefined();
    expect(h.server.count("GET", GET)).toBe(7);
  });
});
