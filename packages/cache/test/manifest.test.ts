import { readFile } from "node:fs/promises";

import { parseManifest, serializeManifest } from "@turbine/cache/internal";
import { describe, expect, it } from "vitest";

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), "utf8");

describe("manifest.json", () => {
  it.each(["aabe90dc3b32242a", "9d88e7bf23c1a1ef"])(
    "round-trips turbo's manifest %s byte for byte",
    async (hash) => {
      const text = await fixture(`${hash}-manifest.json`);
      const manifest = parseManifest(text);
      expect(manifest).toBeDefined();
      if (manifest !== undefined) expect(serializeManifest(manifest)).toBe(text);
    },
  );

  it("keeps nanosecond mtimes beyond 2^53 exact", async () => {
    const manifest = parseManifest(await fixture("aabe90dc3b32242a-manifest.json"));
    const entry = manifest?.files.get("packages/a/dist/sub/data.txt");
    expect(entry?.mtimeNanos).toBe(1795315081308184985n);
  });

  it("reads modes, directories and symlinks as turbo records them", async () => {
    const manifest = parseManifest(await fixture("aabe90dc3b32242a-manifest.json"));
    expect(manifest?.files.get("packages/a/dist/index.js")).toMatchObject({
      mode: 0o755,
      isDir: false,
    });
    expect(manifest?.files.get("packages/a/dist/emptydir")).toMatchObject({ mode: 0, isDir: true });
    expect(manifest?.files.get("packages/a/dist/link.js")).toMatchObject({ isSymlink: true });
    expect(manifest?.linkTargets.get("packages/a/dist/link.js")).toBe("index.js");
    expect(manifest?.order[0]).toBe("packages/a/.turbo/turbo-build.log");
  });

  it("omits link_targets when the entry holds no symlink", async () => {
    const text = await fixture("9d88e7bf23c1a1ef-manifest.json");
    expect(text).not.toContain("link_targets");
    expect(parseManifest(text)?.linkTargets.size).toBe(0);
  });

  it("leaves paths that look like an mtime field untouched", () => {
    const path = 'dist/"mtime_nanos":42';
    const text =
      `{"version":1,"files":{${JSON.stringify(path)}:{"size":1,"mtime_nanos":1700000000123456789,` +
      `"mode":420,"is_dir":false}},"order":[${JSON.stringify(path)}]}`;
    const manifest = parseManifest(text);
    expect(manifest?.order).toEqual([path]);
    expect(manifest?.files.get(path)?.mtimeNanos).toBe(1700000000123456789n);
    expect(manifest === undefined ? "" : serializeManifest(manifest)).toBe(text);
  });

  it("ignores a manifest whose mtime is not a whole number", () => {
    const text =
      '{"version":1,"files":{"a":{"size":1,"mtime_nanos":"soon","mode":420,"is_dir":false}},"order":["a"]}';
    expect(parseManifest(text)).toBeUndefined();
  });

  it("falls back to map order when order does not cover every file", () => {
    const text =
      '{"version":1,"files":{"b":{"size":1,"mtime_nanos":2,"mode":420,"is_dir":false},' +
      '"a":{"size":0,"mtime_nanos":0,"mode":0,"is_dir":true}},"order":["a"]}';
    expect(parseManifest(text)?.order).toEqual(["b", "a"]);
  });

  it.each([
    ["another version", '{"version":2,"files":{},"order":[]}'],
    ["no files", '{"version":1,"order":[]}'],
    ["a bad entry", '{"version":1,"files":{"a":{"size":"1"}},"order":["a"]}'],
    ["a bad link target", '{"version":1,"link_targets":{"a":1},"files":{},"order":[]}'],
    ["truncated JSON", '{"version":1,"files":{'],
  ])("ignores a manifest with %s", (_name, text) => {
    expect(parseManifest(text)).toBeUndefined();
  });
});
