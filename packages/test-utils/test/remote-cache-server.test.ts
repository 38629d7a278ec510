import { startRemoteCacheServer } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

describe("real turborepo-remote-cache server", () => {
  it("stores an artifact with its tag and serves it back", async () => {
    const server = await startRemoteCacheServer();
    try {
      const body = Buffer.from("artifact bytes");
      const url = `${server.url}/v8/artifacts/0123456789abcdef?teamId=${server.team}`;
      const auth = { authorization: `Bearer ${server.token}` };
      const put = await fetch(url, {
        method: "PUT",
        headers: {
          ...auth,
          "content-type": "application/octet-stream",
          "x-artifact-duration": "42",
          "x-artifact-tag": "tag-value",
        },
        body,
      });
      expect(put.status).toBe(200);

      const get = await fetch(url, { headers: auth });
      expect(get.status).toBe(200);
      expect(get.headers.get("x-artifact-tag")).toBe("tag-value");
      expect(Buffer.from(await get.arrayBuffer())).toEqual(body);

      const missing = await fetch(url.replace("0123456789abcdef", "fedcba9876543210"), {
        headers: auth,
      });
      expect(missing.status).toBe(404);
      const unauthorised = await fetch(url, { headers: { authorization: "Bearer wrong" } });
      expect(unauthorised.status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
