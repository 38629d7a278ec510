import { writeFile } from "node:fs/promises";
import path from "node:path";

import { describe, expect, it, vi } from "vitest";

import { BODY, codes, HASH, kinds, TAG, TOKEN, useHarness, wireOrder } from "./harness.js";

const h = useHarness();
const PUT = `/v8/artifacts/${HASH}`;

async function spool(): Promise<string> {
  const file = path.join(h.tempDir, "artifact.tar.zst");
  await writeFile(file, BODY);
  return file;
}

describe("PUT /v8/artifacts/{hash}", () => {
  it("streams the file with Content-Length, the v2 tag and turbo's header order", async () => {
    const client = await h.client({ env: { CI: "true", GITHUB_ACTIONS: "true" } });
    const file = await spool();
    const sha = "202f1ecc67661e97af2ff58b073b9e46db75ee69";
    const outcome = await client.put(HASH, {
      path: file,
      size: BODY.length,
      durationMs: 334,
      sha,
      dirtyHash: "d".repeat(64),
    });
    expect(outcome).toEqual({ status: "uploaded" });
    const [req] = h.server.requests;
    expect(req?.url).toBe(`${PUT}?teamId=team_abc123&slug=myteam`);
    expect(wireOrder(req)).toEqual([
      "content-type",
      "x-artifact-duration",
      "user-agent",
      "authorization",
      "x-artifact-client-ci",
      "x-artifact-tag",
      "x-artifact-sha",
      "x-artifact-dirty-hash",
      "accept",
    ]);
    expect(req?.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "x-artifact-duration": "334",
      "content-length": String(BODY.length),
      "x-artifact-client-ci": "GITHUB_ACTIONS",
      "x-artifact-tag": TAG,
      "x-artifact-sha": sha,
    });
    expect(h.server.artifacts.get(HASH)?.body).toEqual(BODY);
  });

  it("sends no CI header outside CI", async () => {
    const client = await h.client();
    await client.put(HASH, { path: await spool(), size: BODY.length, durationMs: 1 });
    expect(h.server.requests[0]?.headers["x-artifact-client-ci"]).toBeUndefined();
  });

  it("replays the upload from the file once on 500 and reports the failure", async () => {
    const client = await h.client();
    h.server.setRules([{ method: "PUT", fault: { status: 500 } }]);
    const outcome = await client.put(HASH, {
      path: await spool(),
      size: BODY.length,
      durationMs: 1,
    });
    expect(outcome.status).toBe("failed");
    expect(h.server.requests.map((r) => [r.method, r.bodyLength])).toEqual([
      ["PUT", BODY.length],
      ["PUT", BODY.length],
    ]);
    expect(h.warnings.map((w) => [w.kind, w.level])).toEqual([["upload-failed", "warn"]]);
    expect(h.warnings[0]?.message).toMatch(
      /^failed to contact remote cache: HTTP status server error \(500 Internal Server Error\)/,
    );
  });

  it("warns on 412 and keeps uploading later artifacts", async () => {
    const client = await h.client();
    h.server.setRules([{ method: "PUT", times: 1, fault: { status: 412 } }]);
    const file = await spool();
    expect((await client.put(HASH, { path: file, size: BODY.length, durationMs: 1 })).status).toBe(
      "failed",
    );
    expect(await client.put(HASH, { path: file, size: BODY.length, durationMs: 1 })).toEqual({
      status: "uploaded",
    });
    expect(h.server.count("PUT")).toBe(2);
  });

  it("skips later uploads after 403 remote_caching_disabled", async () => {
    const client = await h.client();
    const body = JSON.stringify({ error: { code: "remote_caching_paused", message: "paused" } });
    h.server.setRules([{ method: "PUT", fault: { status: 403, body } }]);
    const file = await spool();
    await client.put(HASH, { path: file, size: BODY.length, durationMs: 1 });
    expect(await client.put(HASH, { path: file, size: BODY.length, durationMs: 1 })).toEqual({
      status: "skipped",
      reason: "uploads-disabled",
    });
    expect(h.server.count("PUT")).toBe(1);
    expect(h.warnings.map((w) => w.message)).toEqual([
      "failed to put to http cache: cache disabled",
    ]);
  });

  it("keeps reads after 403 forbidden on an upload", async () => {
    const client = await h.client();
    const body = JSON.stringify({ error: { code: "forbidden", message: "read only token" } });
    h.server.setRules([{ method: "PUT", fault: { status: 403, body } }]);
    await client.put(HASH, { path: await spool(), size: BODY.length, durationMs: 1 });
    expect(kinds(h)).toEqual(["write-forbidden"]);
    h.seed();
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeDefined();
  });

  it("reports an upload past the upload timeout like turbo, without retrying", async () => {
    const client = await h.client({ uploadTimeoutMs: 150 });
    h.server.setRules([{ method: "PUT", fault: { delayMs: 500 } }]);
    await client.put(HASH, { path: await spool(), size: BODY.length, durationMs: 1 });
    expect(h.server.count("PUT")).toBe(1);
    expect(h.warnings.map((w) => w.message)).toEqual([
      `the cache artifact for ${HASH} was too large to upload within the timeout`,
    ]);
  });

  it("uploads nothing when signing is on and the key is unset, warning once", async () => {
    const client = await h.client({ signatureKey: undefined, signing: true });
    const file = await spool();
    for (let i = 0; i < 2; i++) {
      expect(await client.put(HASH, { path: file, size: BODY.length, durationMs: 1 })).toEqual({
        status: "skipped",
        reason: "no-signature-key",
      });
    }
    expect(h.server.requests).toHaveLength(0);
    expect(kinds(h)).toEqual(["signature-key-missing"]);
  });

  it("warns about a short key the way turbo does", async () => {
    await h.client({ signatureKey: "short" });
    expect(h.warnings.map((w) => w.message)).toEqual([
      "TURBO_REMOTE_CACHE_SIGNATURE_KEY is too short (5 bytes). A minimum of 32 bytes is required for cryptographic strength. This will become a fatal error in the next major version of Turborepo. Enable `futureFlags.longerSignatureKey` in turbo.json to enforce this now.",
    ]);
  });

  it("reports a refused connection as an outage and never leaks the token", async () => {
    const client = await h.client({ apiUrl: "http://user:pass@127.0.0.1:1" });
    const outcome = await client.put(HASH, {
      path: await spool(),
      size: BODY.length,
      durationMs: 1,
    });
    expect(outcome.status === "failed" && outcome.error.code).toBe("ERR_REMOTE_CACHE_NETWORK");
    expect(h.warnings[0]?.message).not.toContain("pass");
    expect(h.warnings[0]?.message).not.toContain(TOKEN);
  });
});

describe("preflight", () => {
  it("sends OPTIONS to the same URL and Authorization when allowed", async () => {
    const client = await h.client({ preflight: true });
    h.seed();
    h.server.setRules([
      {
        method: "OPTIONS",
        fault: {
          headers: { "access-control-allow-headers": "Content-Type, authorization ,User-Agent" },
        },
      },
    ]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toBeDefined();
    const [options, get] = h.server.requests;
    expect(options?.method).toBe("OPTIONS");
    expect(options?.url).toBe(`${PUT}?teamId=team_abc123&slug=myteam`);
    expect(wireOrder(options)).toEqual([
      "user-agent",
      "access-control-request-method",
      "access-control-request-headers",
      "authorization",
    ]);
    expect(options?.headers["access-control-request-method"]).toBe("GET");
    expect(options?.headers["access-control-request-headers"]).toBe("Authorization, User-Agent");
    expect(get?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("drops Authorization when allow-headers does not list it", async () => {
    const client = await h.client({ preflight: true });
    h.server.setRules([
      {
        method: "OPTIONS",
        fault: {
          headers: { "access-control-allow-headers": "Content-Type, X-Authorization-Extra" },
        },
      },
    ]);
    await client.put(HASH, { path: await spool(), size: BODY.length, durationMs: 1 });
    const [options, put] = h.server.requests;
    expect(options?.headers["access-control-request-headers"]).toBe(
      "Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag, x-artifact-sha, x-artifact-dirty-hash",
    );
    expect(put?.method).toBe("PUT");
    expect(put?.headers.authorization).toBeUndefined();
  });

  it("follows a Location that replaces the whole URL, query included", async () => {
    const client = await h.client({ preflight: true });
    h.seed(undefined, "redirected");
    h.server.setRules([
      { method: "OPTIONS", fault: { headers: { location: "/v8/artifacts/redirected" } } },
    ]);
    expect(await client.fetch(HASH, { tempDir: h.tempDir })).toMatchObject({ size: BODY.length });
    expect(h.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `OPTIONS ${PUT}?teamId=team_abc123&slug=myteam`,
      "GET /v8/artifacts/redirected",
    ]);
  });
});

describe("batch query, status and events", () => {
  const HASHES = [HASH, "9d88e7bf23c1a1ef"];

  it("uses the batch answer without HEAD requests", async () => {
    const client = await h.client();
    h.seed({ "x-artifact-duration": "4321" });
    const result = await client.query(HASHES);
    expect([...result]).toEqual([
      [HASH, { size: BODY.length, taskDurationMs: 4321, tag: undefined }],
      ["9d88e7bf23c1a1ef", undefined],
    ]);
    expect(h.server.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(JSON.parse(h.server.requests[0]?.body.toString() ?? "")).toEqual({ hashes: HASHES });
  });

  for (const [what, fault] of [
    ["a 404", { status: 404 }],
    [
      "a malformed entry",
      { status: 200, body: JSON.stringify({ [HASH]: { error: { code: "x" } } }) },
    ],
  ] as const) {
    it(`falls back to one HEAD per hash after ${what}`, async () => {
      const client = await h.client();
      h.seed({ "x-artifact-duration": "7" });
      h.server.setRules([{ method: "POST", path: "/v8/artifacts", fault }]);
      const result = await client.query(HASHES);
      expect(result.get(HASH)?.taskDurationMs).toBe(7);
      expect(result.get("9d88e7bf23c1a1ef")).toBeUndefined();
      expect(h.server.requests.map((r) => r.method)).toEqual(["POST", "HEAD", "HEAD"]);
    });
  }

  it("maps the status answer and assumes enabled after 250 ms", async () => {
    const client = await h.client({ statusBudgetMs: 100 });
    const rule = (fault: object) => {
      h.server.setRules([{ path: "/v8/artifacts/status", fault }]);
    };
    rule({ status: 200, body: '{"status":"over_limit"}' });
    expect(await client.status()).toEqual({ kind: "over_limit" });
    rule({ delayMs: 300 });
    expect(await client.status()).toEqual({ kind: "enabled", assumed: "timeout" });
    rule({ status: 500 });
    expect(await client.status()).toEqual({ kind: "enabled", assumed: "server-error" });
    rule({ status: 401 });
    expect(await client.status()).toEqual({ kind: "auth-failed" });
    expect(wireOrder(h.server.requests[0])).toEqual([
      "user-agent",
      "content-type",
      "authorization",
      "accept",
    ]);
  });

  it("batches events by ten, flushes the rest on close and sends no User-Agent", async () => {
    const client = await h.client({ env: { GITLAB_CI: "true" } });
    for (let i = 0; i < 12; i++)
      client.recordEvent({ source: "LOCAL", event: "MISS", hash: `h${i}`, duration: 0 });
    await client.close();
    const posts = h.server.requests.filter((r) => r.url.startsWith("/v8/artifacts/events"));
    const batches = posts.map((r) => JSON.parse(r.body.toString()) as Record<string, unknown>[]);
    expect(batches.map((b) => b.length)).toEqual([10, 2]);
    expect(Object.keys(batches[0]?.[0] ?? {})).toEqual([
      "sessionId",
      "source",
      "event",
      "hash",
      "duration",
    ]);
    expect(posts[0]?.headers["user-agent"]).toBeUndefined();
    expect(posts[0]?.headers["x-artifact-client-ci"]).toBe("GITLAB");
  });

  it("flushes a lone event after 200 ms idle", async () => {
    const client = await h.client();
    client.recordEvent({ source: "LOCAL", event: "HIT", hash: HASH, duration: 5 });
    expect(h.server.count("POST", "/v8/artifacts/events")).toBe(0);
    await vi.waitFor(
      () => {
        expect(h.server.count("POST", "/v8/artifacts/events")).toBe(1);
      },
      { timeout: 5_000, interval: 50 },
    );
    await client.close();
    expect(h.server.count("POST", "/v8/artifacts/events")).toBe(1);
  });

  it("records REMOTE HIT and MISS from fetch and ignores event failures", async () => {
    const client = await h.client();
    h.server.setRules([{ path: "/v8/artifacts/events", fault: { status: 500 } }]);
    await client.fetch(HASH, { tempDir: h.tempDir });
    await client.close();
    const posts = h.server.requests.filter((r) => r.url.startsWith("/v8/artifacts/events"));
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[0]?.body.toString() ?? "")).toMatchObject([
      { source: "REMOTE", event: "MISS", hash: HASH, duration: 0 },
    ]);
    expect(codes(h)).toEqual(["ERR_REMOTE_CACHE_HTTP"]);
  });
});
