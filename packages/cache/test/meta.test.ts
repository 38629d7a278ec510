import { readFile } from "node:fs/promises";

import { parseMeta } from "@turbine/cache";
import { serializeMeta } from "@turbine/cache/internal";
import { describe, expect, it } from "vitest";

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), "utf8");

describe("meta.json", () => {
  it("serialises byte-identically to turbo's sidecar", async () => {
    for (const hash of ["aabe90dc3b32242a", "9d88e7bf23c1a1ef"]) {
      const text = await fixture(`${hash}-meta.json`);
      const meta = parseMeta(text);
      expect(meta).toBeDefined();
      if (meta === undefined) continue;
      expect(meta.hash).toBe(hash);
      expect(serializeMeta(meta)).toBe(text);
    }
  });

  it("writes a dirty hash as a string and a missing sha as null", () => {
    const dirty = "a".repeat(64);
    expect(serializeMeta({ hash: "h1", durationMs: 12, sha: null, dirtyHash: dirty })).toBe(
      `{"hash":"h1","duration":12,"sha":null,"dirty_hash":"${dirty}"}`,
    );
  });

  it("rounds a fractional duration to whole milliseconds", () => {
    const text = serializeMeta({ hash: "h", durationMs: 12.6, sha: null, dirtyHash: null });
    expect(text).toBe('{"hash":"h","duration":13,"sha":null,"dirty_hash":null}');
  });

  it("accepts turbo's minimal meta with only hash and duration", () => {
    expect(parseMeta('{"hash":"abc","duration":7}')).toEqual({
      hash: "abc",
      durationMs: 7,
      sha: null,
      dirtyHash: null,
    });
  });

  it.each([
    ["not JSON", "{"],
    ["an array", "[]"],
    ["no duration", '{"hash":"abc"}'],
    ["no hash", '{"duration":1}'],
    ["a negative duration", '{"hash":"abc","duration":-1}'],
    ["a fractional duration", '{"hash":"abc","duration":1.5}'],
    ["a non-string sha", '{"hash":"abc","duration":1,"sha":5}'],
  ])("treats meta with %s as absent", (_name, text) => {
    expect(parseMeta(text)).toBeUndefined();
  });
});
