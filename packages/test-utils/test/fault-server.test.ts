import { startFaultServer } from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

describe("fault-injecting /v8 server", () => {
  const servers: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it("stores and serves artifacts like a real server", async () => {
    const server = await startFaultServer();
    servers.push(server);
    const url = `${server.url}/v8/artifacts/abc`;
    const put = await fetch(url, {
      method: "PUT",
      headers: { "x-artifact-tag": "t", "x-artifact-duration": "7" },
      body: "hello",
    });
    expect(put.status).toBe(202);
    const get = await fetch(url);
    expect(await get.text()).toBe("hello");
    expect(get.headers.get("x-artifact-tag")).toBe("t");
    expect(server.count("PUT", /\/v8\/artifacts\/abc$/)).toBe(1);
  });

  it("applies a status fault a limited number of times", async () => {
    const server = await startFaultServer({
      rules: [{ method: "GET", path: /artifacts/, times: 1, fault: { status: 500 } }],
    });
    servers.push(server);
    server.artifacts.set("abc", { body: Buffer.from("x"), headers: {} });
    expect((await fetch(`${server.url}/v8/artifacts/abc`)).status).toBe(500);
    expect((await fetch(`${server.url}/v8/artifacts/abc`)).status).toBe(200);
  });

  it("resets the connection and truncates bodies", async () => {
    const server = await startFaultServer();
    servers.push(server);
    server.artifacts.set("abc", { body: Buffer.alloc(1000, 1), headers: {} });
    server.setRules([{ path: "/v8/artifacts/abc", times: 1, fault: { reset: true } }]);
    await expect(fetch(`${server.url}/v8/artifacts/abc`)).rejects.toThrow();
    server.setRules([{ path: "/v8/artifacts/abc", fault: { truncateAt: 10 } }]);
    const truncated = await fetch(`${server.url}/v8/artifacts/abc`);
    await expect(truncated.arrayBuffer()).rejects.toThrow();
  });

  it("rewrites and removes response headers", async () => {
    const server = await startFaultServer();
    servers.push(server);
    server.artifacts.set("abc", {
      body: Buffer.from("x"),
      headers: { "x-artifact-tag": "good", "x-artifact-duration": "5" },
    });
    server.setRules([
      {
        path: "/v8/artifacts/abc",
        fault: { headers: { "x-artifact-tag": undefined, "x-artifact-duration": "12.5" } },
      },
    ]);
    const res = await fetch(`${server.url}/v8/artifacts/abc`);
    expect(res.headers.get("x-artifact-tag")).toBeNull();
    expect(res.headers.get("x-artifact-duration")).toBe("12.5");
  });
});
