import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { signArtifactTag, signLegacyArtifactTag } from "@turbine/remote-cache/internal";
import { describe, expect, it } from "vitest";

import { FIXTURE_KEY, FIXTURE_TEAM } from "./fixtures.js";
import { codes, HASH, kinds, useHarness } from "./harness.js";

/**
 * Bodies of several MiB, so a download spans many batches and pauses the connection at least
 * once. (The tag format itself is pinned by turbo's vectors in signature.test.ts; here the
 * question is whether verifying across batches, or from the file, agrees with it.)
 */
const h = useHarness();
const BIG_HASH = "0123456789abcdef";
const GET = `/v8/artifacts/${BIG_HASH}`;
const BIG = randomBytes(5 * 1024 * 1024 + 123);
const context = { key: FIXTURE_KEY, hash: BIG_HASH, teamId: FIXTURE_TEAM };
const NO_LENGTH = { headers: { "content-length": undefined } };

const seedBig = (headers: Record<string, string>): void => {
  h.server.artifacts.set(BIG_HASH, { body: BIG, headers });
};

describe("multi-megabyte downloads", () => {
  it("writes the body exactly, checking a v2 tag as it streams (Content-Length known)", async () => {
    const client = await h.client();
    seedBig({ "x-artifact-tag": signArtifactTag(context, BIG) });
    const hit = await client.fetch(BIG_HASH, { tempDir: h.tempDir });
    expect(hit?.size).toBe(BIG.length);
    expect((await readFile(hit?.path ?? "")).equals(BIG)).toBe(true);
    expect(h.warnings).toEqual([]);
  });

  it("checks the tag from the finished file when the body is chunked", async () => {
    const client = await h.client();
    seedBig({ "x-artifact-tag": signArtifactTag(context, BIG) });
    h.server.setRules([{ path: GET, fault: NO_LENGTH }]);
    const hit = await client.fetch(BIG_HASH, { tempDir: h.tempDir });
    expect((await readFile(hit?.path ?? "")).equals(BIG)).toBe(true);
  });

  it("accepts a legacy v1 tag once v2 does not match, with and without Content-Length", async () => {
    const client = await h.client();
    seedBig({ "x-artifact-tag": signLegacyArtifactTag(context, BIG) });
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toMatchObject({
      size: BIG.length,
    });
    h.server.setRules([{ path: GET, fault: NO_LENGTH }]);
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toMatchObject({
      size: BIG.length,
    });
    expect(h.warnings).toEqual([]);
  });

  it("rejects a body altered after several batches and deletes it", async () => {
    const client = await h.client();
    seedBig({ "x-artifact-tag": signArtifactTag(context, BIG) });
    h.server.setRules([{ path: GET, fault: { flipByteAt: 4 * 1024 * 1024, ...NO_LENGTH } }]);
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TAG_INVALID"]);
    expect(await h.leftovers()).toEqual([]);
  });

  it("misses on a body cut off after several batches and leaves no temp file", async () => {
    const client = await h.client({ signatureKey: undefined });
    seedBig({});
    h.server.setRules([{ path: GET, fault: { truncateAt: 3 * 1024 * 1024, ...NO_LENGTH } }]);
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_NETWORK"]);
    expect(await h.leftovers()).toEqual([]);
  });

  it("drops an untagged body without reading it and keeps the client usable", async () => {
    const client = await h.client();
    seedBig({});
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TAG_MISSING"]);
    h.seed();
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeDefined();
  });
});

describe("temp file failures", () => {
  it("are a quiet ERR_REMOTE_CACHE_IO miss that never opens the outage breaker", async () => {
    const client = await h.client({ signatureKey: undefined });
    seedBig({});
    const missing = path.join(h.tempDir, "does-not-exist");
    for (let i = 0; i < 4; i++) {
      expect(await client.fetch(BIG_HASH, { tempDir: missing })).toBeUndefined();
    }
    expect(h.server.count("GET", GET)).toBe(4);
    expect(kinds(h)).toEqual(Array(4).fill("fetch-failed"));
    expect(codes(h)).toEqual(Array(4).fill("ERR_REMOTE_CACHE_IO"));
    expect(await client.fetch(BIG_HASH, { tempDir: h.tempDir })).toMatchObject({
      size: BIG.length,
    });
  });
});
