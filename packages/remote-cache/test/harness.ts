import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  RemoteCacheClient,
  type RemoteCacheClientOptions,
  type RemoteCacheWarning,
} from "@turbine/remote-cache";
import { signArtifactTag } from "@turbine/remote-cache/internal";
import { type FaultServer, startFaultServer } from "@turbine/test-utils";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

import { fixture, FIXTURE_KEY, FIXTURE_TEAM } from "./fixtures.js";

export const TOKEN = "secret-token-0123456789";
export const HASH = "aabe90dc3b32242a";
export const BODY = fixture(`artifacts/${HASH}.tar.zst`);
export const TAG = signArtifactTag({ key: FIXTURE_KEY, hash: HASH, teamId: FIXTURE_TEAM }, BODY);

export interface Harness {
  server: FaultServer;
  tempDir: string;
  warnings: RemoteCacheWarning[];
  sleeps: number[];
  client(options?: Partial<RemoteCacheClientOptions>): Promise<RemoteCacheClient>;
  /** Stores the fixture artifact as if uploaded with a tag and a duration. */
  seed(headers?: Record<string, string>, hash?: string): void;
  leftovers(): Promise<string[]>;
}

/** A fault server per file, a temp dir and warning log per test, and the token-leak check. */
export function useHarness(): Harness {
  const h = { warnings: [], sleeps: [] } as unknown as Harness;
  beforeAll(async () => {
    h.server = await startFaultServer();
  });
  afterAll(async () => {
    await h.server.stop();
  });
  const open: RemoteCacheClient[] = [];
  afterEach(async () => {
    // Flush each test's pending analytics before the next test reads the request log.
    await Promise.all(open.splice(0).map((c) => c.close()));
    for (const w of h.warnings) {
      expect(w.message).not.toContain(TOKEN);
      expect(w.error?.message ?? "").not.toContain(TOKEN);
    }
    await rm(h.tempDir, { recursive: true, force: true });
  });
  h.client = async (options = {}) => {
    h.tempDir = await mkdtemp(path.join(tmpdir(), "turbine-rc-"));
    h.warnings = [];
    h.sleeps = [];
    h.server.requests.length = 0;
    h.server.artifacts.clear();
    h.server.setRules([]);
    const client = await RemoteCacheClient.create({
      apiUrl: h.server.url,
      token: TOKEN,
      teamId: FIXTURE_TEAM,
      teamSlug: "myteam",
      signatureKey: FIXTURE_KEY,
      // Deadlines cover retries: long enough that the (fake) 2 s retry sleep fits in them.
      timeoutMs: 10_000,
      uploadTimeoutMs: 10_000,
      env: {},
      onWarning: (w) => h.warnings.push(w),
      sleep: (ms) => {
        h.sleeps.push(ms);
        return Promise.resolve();
      },
      ...options,
    });
    open.push(client);
    return client;
  };
  h.seed = (headers = { "x-artifact-tag": TAG, "x-artifact-duration": "1234" }, hash = HASH) => {
    h.server.artifacts.set(hash, { body: BODY, headers });
  };
  h.leftovers = async () => (await readdir(h.tempDir)).filter((f) => f.endsWith(".tmp"));
  return h;
}

export const kinds = (h: Harness): string[] => h.warnings.map((w) => w.kind);
export const codes = (h: Harness): (string | undefined)[] => h.warnings.map((w) => w.error?.code);

/** Header order as sent, without the ones undici writes itself (host, connection, content-length). */
export const wireOrder = (req: { headerOrder: readonly string[] } | undefined): string[] =>
  (req?.headerOrder ?? []).filter(
    (n) => n !== "host" && n !== "connection" && n !== "content-length",
  );
