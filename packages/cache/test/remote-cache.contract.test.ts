import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import { Cache, type CacheConfig, type CacheEvent } from "@turbine/cache";
import { RemoteCacheClient, type RemoteCacheWarning } from "@turbine/remote-cache";
import { startRemoteCacheServer } from "@turbine/test-utils";
import { afterAll, beforeAll, expect, it } from "vitest";

import { registerCacheContract } from "./support/cache-contract.js";
import { SAMPLE_PATHS, snapshot, tempDir, writeSampleOutputs } from "./support/sample-outputs.js";

type Server = Awaited<ReturnType<typeof startRemoteCacheServer>>;
let server: Server | undefined;

beforeAll(async () => {
  server = await startRemoteCacheServer({ storeTags: true });
});
afterAll(async () => {
  await server?.stop();
});

const SIGNATURE_KEY = "turbine-cache-contract-signature-key";

/** A Cache over the real turborepo-remote-cache, in a team of its own so subjects never share. */
async function subject(cacheConfig: CacheConfig, keepsDuration: boolean) {
  if (server === undefined) throw new Error("remote cache server did not start");
  const { url, token } = server;
  const teamId = `team_${randomBytes(6).toString("hex")}`;
  const repoRoot = await tempDir();
  const clients: RemoteCacheClient[] = [];
  const problems: (CacheEvent | RemoteCacheWarning)[] = [];
  const open = async (cacheDir: string) => {
    const remote = await RemoteCacheClient.create({
      apiUrl: url,
      token,
      teamId,
      signatureKey: SIGNATURE_KEY,
      onWarning: (w) => problems.push(w),
    });
    clients.push(remote);
    const onEvent = (e: CacheEvent) => (e.type === "warning" ? problems.push(e) : undefined);
    return Cache.create({ repoRoot, cacheDir, cacheConfig, remote, tempDir: repoRoot, onEvent });
  };
  return {
    cache: await open(join(repoRoot, ".turbo/cache")),
    repoRoot,
    keepsDuration,
    // A second machine: same remote, its own (empty) local store.
    reopen: () => open(join(repoRoot, ".turbo/other-cache")),
    cleanup: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await rm(repoRoot, { recursive: true, force: true });
      // The contract's remote traffic must succeed: any warning means a hit came from elsewhere.
      expect(problems).toEqual([]);
    },
  };
}

const OFF = { read: false, write: false };
const RW = { read: true, write: true };

// turborepo-remote-cache never sends x-artifact-duration, so a remote hit saves "0 ms".
registerCacheContract("remote (turborepo-remote-cache)", () =>
  subject({ local: OFF, remote: RW }, false),
);

registerCacheContract("local + remote (turborepo-remote-cache)", () =>
  subject({ local: RW, remote: RW }, true),
);

it("keeps a remote hit locally with the server's bytes, the local sha and duration 0", async () => {
  if (server === undefined) throw new Error("remote cache server did not start");
  const teamId = `team_${randomBytes(6).toString("hex")}`;
  const options = { apiUrl: server.url, token: server.token, teamId, signatureKey: SIGNATURE_KEY };
  const [writerRoot, readerRoot] = [await tempDir(), await tempDir()];
  const hash = "c0ffee00c0ffee00";
  const sha = "202f1ecc67661e97af2ff58b073b9e46db75ee69";
  try {
    const writerRemote = await RemoteCacheClient.create(options);
    const writer = await Cache.create({
      repoRoot: writerRoot,
      cacheConfig: { local: OFF, remote: RW },
      remote: writerRemote,
      tempDir: writerRoot,
    });
    await writeSampleOutputs(writerRoot);
    await writer.put(hash, { paths: SAMPLE_PATHS, durationMs: 900 });
    await writer.close();
    await writerRemote.close();

    const remote = await RemoteCacheClient.create(options);
    const reader = await Cache.create({
      repoRoot: readerRoot,
      remote,
      gitState: { sha, dirtyHash: null },
    });
    expect(await reader.fetch(hash)).toMatchObject({ source: "REMOTE", durationMs: 0 });
    await remote.close();
    expect(await snapshot(readerRoot, SAMPLE_PATHS)).toEqual(
      await snapshot(writerRoot, SAMPLE_PATHS),
    );
    const cacheDir = join(readerRoot, ".turbo/cache");
    const stored = await readFile(join(server.storagePath, teamId, hash));
    expect((await readFile(join(cacheDir, `${hash}.tar.zst`))).equals(stored)).toBe(true);
    expect(await readFile(join(cacheDir, `${hash}-meta.json`), "utf8")).toBe(
      `{"hash":"${hash}","duration":0,"sha":"${sha}","dirty_hash":null}`,
    );
  } finally {
    await rm(writerRoot, { recursive: true, force: true });
    await rm(readerRoot, { recursive: true, force: true });
  }
});

it("answers existsMany from the local store, then one remote query", async () => {
  if (server === undefined) throw new Error("remote cache server did not start");
  const teamId = `team_${randomBytes(6).toString("hex")}`;
  const options = { apiUrl: server.url, token: server.token, teamId, signatureKey: SIGNATURE_KEY };
  const root = await tempDir();
  try {
    const remote = await RemoteCacheClient.create(options);
    const writer = await Cache.create({
      repoRoot: root,
      cacheDir: ".turbo/writer",
      cacheConfig: { local: OFF, remote: RW },
      remote,
      tempDir: root,
    });
    await writeSampleOutputs(root);
    await writer.put("aaaa000011112222", { paths: SAMPLE_PATHS, durationMs: 5 });
    await writer.close();
    const cache = await Cache.create({ repoRoot: root, remote });
    await cache.put("bbbb000011112222", { paths: SAMPLE_PATHS, durationMs: 7 });
    await cache.flush();
    const found = await cache.existsMany([
      "aaaa000011112222",
      "bbbb000011112222",
      "cccc000011112222",
    ]);
    await remote.close();
    expect(Object.fromEntries(found)).toEqual({
      aaaa000011112222: { source: "REMOTE", durationMs: 0 },
      bbbb000011112222: { source: "LOCAL", durationMs: 7, sha: null, dirtyHash: null },
      cccc000011112222: undefined,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
