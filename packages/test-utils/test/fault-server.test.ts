import { request } from "node:http";

import { startFaultServer } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

function send(
  url: string,
  method: string,
  body?: string,
): Promise<{ status: number; body: Buffer; error?: Error }> {
  return new Promise((resolve) => {
    const req = request(url, { method, headers: { "x-first": "1", "x-second": "2" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
      });
      res.on("error", (error) => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), error });
      });
    });
    req.on("error", (error) => {
      resolve({ status: 0, body: Buffer.alloc(0), error });
    });
    req.end(body);
  });
}

describe("startFaultServer", () => {
  it("stores a PUT, serves it back and records method, header order and body", async () => {
    const server = await startFaultServer();
    try {
      await send(`${server.url}/v8/artifacts/abc?slug=t`, "PUT", "payload");
      const got = await send(`${server.url}/v8/artifacts/abc`, "GET");
      expect([got.status, got.body.toString()]).toEqual([200, "payload"]);
      expect(server.count("PUT", "/v8/artifacts/abc")).toBe(1);
      expect(server.requests[0]?.headerOrder.slice(0, 2)).toEqual(["x-first", "x-second"]);
      expect(server.requests[0]?.body.toString()).toBe("payload");
    } finally {
      await server.stop();
    }
  });

  it("applies a rule only `times` times and flips a body byte", async () => {
    const server = await startFaultServer({
      rules: [
        { method: "GET", times: 1, fault: { status: 500 } },
        { method: "GET", fault: { flipByteAt: 0 } },
      ],
    });
    try {
      server.artifacts.set("abc", { body: Buffer.from("A"), headers: {} });
      expect((await send(`${server.url}/v8/artifacts/abc`, "GET")).status).toBe(500);
      const flipped = await send(`${server.url}/v8/artifacts/abc`, "GET");
      expect(flipped.body[0]).toBe("A".charCodeAt(0) ^ 0xff);
    } finally {
      await server.stop();
    }
  });

  it("resets the connection and truncates bodies on request", async () => {
    const server = await startFaultServer({
      rules: [
        { path: "/v8/artifacts/reset", fault: { reset: true } },
        { path: "/v8/artifacts/cut", fault: { status: 200, body: "0123456789", truncateAt: 4 } },
      ],
    });
    try {
      expect((await send(`${server.url}/v8/artifacts/reset`, "GET")).error).toBeDefined();
      const cut = await send(`${server.url}/v8/artifacts/cut`, "GET");
      expect(cut.body.length).toBeLessThan(10);
    } finally {
      await server.stop();
    }
  });
});
