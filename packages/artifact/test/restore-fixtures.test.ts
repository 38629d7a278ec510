import { lstat, mkdir, readFile, readlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { ArtifactError } from "@turbine/artifact";
import { listArtifact, restoreArtifact } from "@turbine/artifact/internal";
import { snapshot } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { readWithNodeTar } from "./helpers/fixture-tree.js";
import { ARTIFACTS, CRAFTED } from "./helpers/paths.js";
import {
  expectRefused,
  fromBytes,
  restoreFile,
  restoreFrom,
  type SourceKind,
  SOURCES,
} from "./helpers/restore-helpers.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

async function dirs(): Promise<{ anchor: string; sentinel: string }> {
  const base = await tempDir();
  const anchor = path.join(base, "repo");
  const sentinel = path.join(base, "outside");
  await mkdir(anchor);
  await mkdir(sentinel);
  await writeFile(path.join(sentinel, "keep.txt"), "sentinel\n");
  return { anchor, sentinel };
}

describe.each(Object.keys(SOURCES) as SourceKind[])(
  "restoring real turbo artifacts (%s)",
  (kind) => {
    for (const hash of ["aabe90dc3b32242a", "9d88e7bf23c1a1ef"]) {
      it(`restores fixture ${hash} exactly as node-tar reads it`, async () => {
        const { anchor } = await dirs();
        const result = await restoreFile(path.join(ARTIFACTS, `${hash}.tar.zst`), { anchor }, kind);
        const expected = await readWithNodeTar(await readFile(path.join(ARTIFACTS, `${hash}.tar`)));
        expect(result.entries.map((e) => e.path)).toEqual(expected.map((e) => e.path));
        for (const e of expected) {
          const abs = path.join(anchor, e.path);
          const st = await lstat(abs);
          if (e.type === "File") {
            expect((await readFile(abs)).equals(e.body)).toBe(true);
            expect(st.mode & 0o777).toBe(e.mode & 0o777);
          } else if (e.type === "SymbolicLink") {
            expect(await readlink(abs)).toBe(e.linkpath);
          } else {
            expect(st.isDirectory()).toBe(true);
          }
        }
        expect(await lstat(path.join(anchor, ".turbo")).catch(() => undefined)).toBeUndefined();
      });
    }

    it("reports manifest data: type, size, mode and link target per entry", async () => {
      const { anchor } = await dirs();
      const file = path.join(ARTIFACTS, "aabe90dc3b32242a.tar.zst");
      const { entries } = await restoreFile(file, { anchor }, kind);
      expect(entries.find((e) => e.path === "packages/a/dist/index.js")).toEqual({
        path: "packages/a/dist/index.js",
        type: "file",
        size: 22,
        mode: 0o755,
      });
      expect(entries.find((e) => e.type === "symlink")).toMatchObject({ linkTarget: "index.js" });
    });

    it("refuses fixture 07a5e6672c3e6bf0 (absolute link target) as turbo does, writing nothing", async () => {
      const d = await dirs();
      const bytes = await readFile(path.join(ARTIFACTS, "07a5e6672c3e6bf0.tar.zst"));
      const error = await expectRefused(bytes, "ERR_ARTIFACT_SYMLINK_ESCAPE", d);
      expect(error.path).toBe("packages/c/dist/abs-link");
    });

    it("reads a gzip artifact (older turbo) by sniffing its magic bytes", async () => {
      const { anchor } = await dirs();
      const tar = await readFile(path.join(ARTIFACTS, "9d88e7bf23c1a1ef.tar"));
      await restoreArtifact(kind === "streamed" ? fromBytes(gzipSync(tar), 100) : gzipSync(tar), {
        anchor,
      });
      expect(await readFile(path.join(anchor, "packages/b/dist/index.js"), "utf8")).toContain("b");
    });

    it("restores over a previous restore, replacing files and keeping unrelated ones", async () => {
      const { anchor } = await dirs();
      const file = path.join(ARTIFACTS, "aabe90dc3b32242a.tar.zst");
      await restoreFile(file, { anchor }, kind);
      const first = await snapshot(anchor);
      await writeFile(path.join(anchor, "packages/a/dist/index.js"), "stale");
      await writeFile(path.join(anchor, "packages/a/dist/extra.txt"), "mine");
      await restoreFile(file, { anchor }, kind);
      const second = await snapshot(anchor);
      expect(second.filter((l) => !l.startsWith("packages/a/dist/extra.txt"))).toEqual(first);
      expect(second.some((l) => l.startsWith("packages/a/dist/extra.txt"))).toBe(true);
    });

    it("leaves files the skip hook says already match, and counts what it wrote", async () => {
      const { anchor } = await dirs();
      const file = path.join(ARTIFACTS, "aabe90dc3b32242a.tar.zst");
      await restoreFile(file, { anchor }, kind);
      await writeFile(path.join(anchor, "packages/a/dist/sub/data.txt"), "hand-edited\n");
      const result = await restoreFile(
        file,
        { anchor, skip: (p, existing) => p.endsWith("data.txt") && existing.isFile() },
        kind,
      );
      expect(result.skipped).toEqual(["packages/a/dist/sub/data.txt"]);
      expect(result.written).toBe(result.entries.length - 1);
      expect(await readFile(path.join(anchor, "packages/a/dist/sub/data.txt"), "utf8")).toBe(
        "hand-edited\n",
      );
    });
  },
);

describe.each(Object.keys(SOURCES) as SourceKind[])("turbo's crafted artifacts (%s)", (kind) => {
  for (const name of [
    "craft-b_9d88e7bf23c1a1ef",
    "nodirs",
    "dangling",
    "dirlink",
    "crosspkg",
    "toroot",
  ]) {
    it(`accepts ${name}, as turbo 2.11.13 does`, async () => {
      const { anchor } = await dirs();
      const file = path.join(CRAFTED, `${name}.tar.zst`);
      const listed = await listArtifact(fromBytes(await readFile(file)));
      const result = await restoreFile(file, { anchor }, kind);
      expect(result.entries.map((e) => e.path)).toEqual(listed.map((e) => e.path));
      for (const e of listed) {
        const st = await lstat(path.join(anchor, e.path));
        expect(st.isSymbolicLink()).toBe(e.type === "symlink");
      }
    });
  }

  it("accepts an absolute link target inside the repo (absinside)", async () => {
    const { anchor } = await dirs();
    const { rawTar, zst } = await import("@turbine/test-utils");
    const target = path.join(anchor, "packages/a/package.json");
    const bytes = zst(
      rawTar([{ name: "packages/b/dist/abs-inside", type: "2", linkname: target }]),
    );
    await restoreFrom(kind, bytes, { anchor });
    expect(await readlink(path.join(anchor, "packages/b/dist/abs-inside"))).toBe(target);
  });

  for (const [name, code] of [
    ["traversal", "ERR_ARTIFACT_PATH_ESCAPE"],
    ["abslink", "ERR_ARTIFACT_SYMLINK_ESCAPE"],
    ["relescape-link", "ERR_ARTIFACT_SYMLINK_ESCAPE"],
  ] as const) {
    it(`refuses ${name}, as turbo 2.11.13 does`, async () => {
      const d = await dirs();
      await expectRefused(await readFile(path.join(CRAFTED, `${name}.tar.zst`)), code, d);
    });
  }

  it("is stricter than turbo when given a scope: nodirs may not write into another package", async () => {
    const d = await dirs();
    const bytes = await readFile(path.join(CRAFTED, "nodirs.tar.zst"));
    const error = await expectRefused(bytes, "ERR_ARTIFACT_OUT_OF_SCOPE", d, {
      scope: ["packages/b"],
    });
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.path).toBe("packages/a/dist/hijack.txt");
  });
});
