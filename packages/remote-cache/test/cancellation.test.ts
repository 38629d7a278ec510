import { startFaultServer } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { BODY, codes, HASH, kinds, TOKEN, useHarness } from "./harness.js";

// Deadlines, cancellation and what a download must look like: the bounds a remote that does not
// answer, or answers with junk, puts on a run.
const h = useHarness();
const GET = `/v8/artifacts/${HASH}`;

describe("a call's deadline covers its retries", () => {
  it("gives the retry after a 5xx only what is left of the deadline", async () => {
    // The (fake) retry sleep takes no time: the retry starts with ~2.5 s left and hangs.
    const client = await h.client({ timeoutMs: 2_500 });
    h.server.setRules([
      { path: GET, times: 1, fault: { status: 503 } },
      { path: GET, fault: { hang: true } },
    ]);
    const start = Date.now();
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(Date.now() - start).toBeLessThan(3_500);
    expect(h.server.count("GET", GET)).toBe(2);
    expect(h.sleeps).toEqual([2000]);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TIMEOUT"]);
  });

  it("sends no retry when the 2 s sleep would end past the deadline", async () => {
    const client = await h.client({ timeoutMs: 1_500 });
    h.server.setRules([{ path: GET, fault: { status: 500 } }]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    expect(h.sleeps).toEqual([]);
  });
});

describe("cancellation", () => {
  it("the client's signal ends a pending GET at once, and nothing more is sent", async () => {
    const controller = new AbortController();
    const client = await h.client({ timeoutMs: 30_000, signal: controller.signal });
    h.server.setRules([{ path: GET, fault: { hang: true } }]);
    const pending = client.fetch(HASH, { tempDir: h.tempDir });
    while (h.server.count("GET", GET) === 0) await new Promise((r) => setTimeout(r, 10));
    const start = Date.now();
    controller.abort();
    expect(await pending).toBeUndefined();
    expect(Date.now() - start).toBeLessThan(500);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeUndefined();
    expect(await client.exists(HASH)).toBeUndefined();
    expect(await client.put(HASH, { path: "/nonexistent", size: 1, durationMs: 1 })).toEqual({
      status: "skipped",
      reason: "cancelled",
    });
    expect(h.server.count("GET", GET)).toBe(1);
    expect(h.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(h.warnings).toEqual([]);
    expect(await h.leftovers()).toEqual([]);
  });

  it("a call's own signal cancels a retry that is waiting out its sleep", async () => {
    const controller = new AbortController();
    let sleeping: () => void = () => undefined;
    const client = await h.client({
      sleep: () => {
        sleeping();
        return new Promise(() => undefined); // never ends by itself
      },
    });
    h.server.setRules([{ path: GET, fault: { status: 503 } }]);
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const pending = client.fetch(HASH, { tempDir: h.tempDir, signal: controller.signal });
    await asleep;
    controller.abort();
    expect(await pending).toBeUndefined();
    expect(h.server.count("GET", GET)).toBe(1);
    // The 503 the retry was for is not the remote's failure: no warning, no outage.
    expect(h.warnings).toEqual([]);
  });

  it("leaves an upload already sending to finish (turbo finishes writing to the cache)", async () => {
    const controller = new AbortController();
    const client = await h.client({ signal: controller.signal });
    h.server.setRules([{ method: "PUT", fault: { delayMs: 300 } }]);
    const upload = { path: await writeSpool(), size: BODY.length, durationMs: 1 };
    const pending = client.put(HASH, upload);
    while (h.server.count("PUT") === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await pending).toEqual({ status: "uploaded" });
    expect(h.server.artifacts.get(HASH)?.body).toEqual(BODY);
    expect(h.warnings).toEqual([]);
  });

  it("does not retry an upload once the client's signal aborts, and says nothing", async () => {
    const controller = new AbortController();
    const client = await h.client({
      signal: controller.signal,
      sleep: () => {
        controller.abort(); // Ctrl-C while the retry waits
        return Promise.resolve();
      },
    });
    h.server.setRules([{ method: "PUT", fault: { status: 503 } }]);
    const upload = { path: await writeSpool(), size: BODY.length, durationMs: 1 };
    expect(await client.put(HASH, upload)).toEqual({ status: "skipped", reason: "cancelled" });
    expect(h.server.count("PUT")).toBe(1);
    expect(h.warnings).toEqual([]);
  });
});

describe("a download that cannot be an artifact", () => {
  const head = { bytes: 4, test: (b: Uint8Array) => b[0] === 0x28 && b[1] === 0xb5 };

  it("is abandoned at its first bytes, whatever length it announces", async () => {
    const client = await h.client({ timeoutMs: 10_000, signatureKey: undefined });
    h.server.setRules([
      {
        path: GET,
        fault: {
          status: 200,
          headers: { "content-length": String(5e9) },
          trickle: { chunk: "<html>", everyMs: 100 },
        },
      },
    ]);
    const start = Date.now();
    expect(await client.fetch(HASH, { tempDir: h.tempDir, head })).toBeUndefined();
    expect(Date.now() - start).toBeLessThan(1_500);
    expect(kinds(h)).toEqual(["fetch-failed"]);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_NOT_ARTIFACT"]);
    expect(h.warnings[0]?.level).toBe("warn");
    expect(h.warnings[0]?.message).toContain("it starts with 3c 68 74 6d");
    expect(await h.leftovers()).toEqual([]);
  });

  it("is read on when its first bytes are an artifact's", async () => {
    const client = await h.client({ signatureKey: undefined });
    h.seed({});
    expect(await client.fetch(HASH, { tempDir: h.tempDir, head })).toMatchObject({
      size: BODY.length,
    });
  });
});

describe("a batch query the remote does not answer", () => {
  it("warns once and asks nothing more: no HEAD per hash, one deadline in all", async () => {
    const client = await h.client({ timeoutMs: 300 });
    h.server.setRules([{ fault: { hang: true } }]);
    const start = Date.now();
    const found = await client.query([HASH, "9d88e7bf23c1a1ef"]);
    expect([...found.values()]).toEqual([undefined, undefined]);
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(h.server.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(kinds(h)).toEqual(["query-failed"]);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_TIMEOUT"]);
    expect(h.warnings[0]?.level).toBe("warn");
  });
});

describe("a preflight Location on another origin", () => {
  it("is not followed: no request, token or body goes to another origin (turbo sends them)", async () => {
    const other = await startFaultServer();
    try {
      const client = await h.client({ preflight: true });
      h.seed();
      h.server.setRules([
        {
          method: "OPTIONS",
          fault: {
            headers: {
              location: `${other.url}/v8/artifacts/${HASH}`,
              "access-control-allow-headers": "Authorization, User-Agent",
            },
          },
        },
      ]);
      expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({ size: BODY.length });
      await client.put(HASH, { path: await writeSpool(), size: BODY.length, durationMs: 1 });
      expect(other.requests).toEqual([]);
      const sent = h.server.requests.filter((r) => r.method !== "OPTIONS");
      expect(sent.map((r) => r.method)).toEqual(["GET", "PUT"]);
      for (const r of sent) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await other.stop();
    }
  });
});

async function writeSpool(): Promise<string> {
  const { writeFile } = await import("node:fs/promises");
  const file = `${h.tempDir}/spool.tar.zst`;
  await writeFile(file, BODY);
  return file;
}
