import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { RemoteCacheClient, type RemoteCacheWarning } from "@turbine/remote-cache";
import { signArtifactTag } from "@turbine/remote-cache/internal";
import { type RemoteCacheServer, startRemoteCacheServer } from "@turbine/test-utils";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fixture } from "./fixtures.js";

/** The real turborepo-remote-cache 2.12.0 server, storing and echoing tags. */
const KEY = "a-signature-key-that-is-32-bytes-long!";
const HASH = "9d88e7bf23c1a1ef";
const BODY = fixture(`artifacts/${HASH}.tar.zst`);

let server: RemoteCacheServer;
let dir: string;
const agent = new Agent({ keepAliveTimeout: 5_000 });
const warnings: RemoteCacheWarning[] = [];

beforeAll(async () => {
  server = await startRemoteCacheServer();
  dir = await mkdtemp(path.join(tmpdir(), "turbine-rc-real-"));
});
afterAll(async () => {
  await agent.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const client = (options: { signatureKey?: string } = { signatureKey: KEY }) =>
  RemoteCacheClient.create({
    apiUrl: server.url,
    token: server.token,
    teamId: server.team,
    dispatcher: agent,
    env: {},
    onWarning: (w) => warnings.push(w),
    ...options,
  });

describe("against turborepo-remote-cache", () => {
  it("round-trips a signed artifact: the server stores the tag and echoes it", async () => {
    const c = await client();
    const file = path.join(dir, "up.tar.zst");
    await writeFile(file, BODY);
    expect(await c.put(HASH, { path: file, size: BODY.length, durationMs: 312 })).toEqual({
      status: "uploaded",
    });
    const hit = await c.fetch(HASH, { tempDir: dir });
    expect(hit?.tag).toBe(signArtifactTag({ key: KEY, hash: HASH, teamId: server.team }, BODY));
    expect(await readFile(hit?.path ?? "")).toEqual(BODY);
    expect(hit?.durationMs).toBe(0); // the server never echoes x-artifact-duration
    await c.close();
    expect(warnings).toEqual([]);
  });

  it("misses an artifact signed with another key", async () => {
    const c = await client({ signatureKey: "another-key-of-at-least-32-bytes!!" });
    expect(await c.fetch(HASH, { tempDir: dir })).toBeUndefined();
    expect(warnings.splice(0).map((w) => w.error?.code)).toEqual(["ERR_REMOTE_CACHE_TAG_INVALID"]);
    await c.close();
  });

  it("misses an unknown hash", async () => {
    const c = await client();
    expect(await c.fetch("0000000000000000", { tempDir: dir })).toBeUndefined();
    await c.close();
    expect(warnings).toEqual([]);
  });

  it("falls back from the batch POST (404 there) to HEAD", async () => {
    const c = await client();
    const result = await c.query([HASH, "0000000000000000"]);
    expect(result.get(HASH)).toMatchObject({ taskDurationMs: 0 });
    expect(result.get("0000000000000000")).toBeUndefined();
    await c.close();
  });

  it("reads the caching status and accepts events", async () => {
    const c = await client();
    expect(await c.status()).toEqual({ kind: "enabled" });
    c.recordEvent({ source: "LOCAL", event: "MISS", hash: HASH, duration: 0 });
    await c.close();
    expect(warnings).toEqual([]);
  });
});
