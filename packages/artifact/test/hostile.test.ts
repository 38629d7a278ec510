import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { zstdCompressSync } from "node:zlib";

import { longRecord, paxRecord, rawRecord, rawTar, zst } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { expectRefused } from "./helpers/restore-helpers.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

async function dirs(): Promise<{ anchor: string; sentinel: string }> {
  const base = await tempDir();
  const anchor = path.join(base, "repo");
  const sentinel = path.join(base, "outside");
  await mkdir(path.join(anchor, "packages/b"), { recursive: true });
  await mkdir(sentinel);
  await writeFile(path.join(sentinel, "keep.txt"), "sentinel\n");
  return { anchor, sentinel };
}

const file = (name: string, body = "x\n") => ({ name, type: "0", body });
const dir = (name: string) => ({ name, type: "5" });
const link = (name: string, linkname: string) => ({ name, type: "2", linkname });

describe("hostile archives are refused with nothing written", () => {
  it("refuses an absolute entry name (turbo's `absolute` case)", async () => {
    const d = await dirs();
    const bytes = zst(rawTar([file(path.join(d.sentinel, "pwned.txt"))]));
    await expectRefused(bytes, "ERR_ARTIFACT_ABSOLUTE_PATH", d);
  });

  it("refuses repeated leading slashes (CVE-2021-32804)", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([file(`////${d.sentinel.slice(1)}/pwned.txt`)])),
      "ERR_ARTIFACT_ABSOLUTE_PATH",
      d,
    );
  });

  it("refuses `..` that normalises away (a/../../x) and `..` in a ustar prefix", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([file("packages/../../outside/pwned.txt")])),
      "ERR_ARTIFACT_PATH_ESCAPE",
      d,
    );
    const prefixed = rawTar([
      { ...file("pwned.txt"), magic: "ustar" as const, prefix: "../outside" },
    ]);
    await expectRefused(zst(prefixed), "ERR_ARTIFACT_PATH_ESCAPE", d);
  });

  it("refuses writing through a symlink already on disk that leaves the anchor (symlink-escape)", async () => {
    const d = await dirs();
    await symlink(d.sentinel, path.join(d.anchor, "packages/b/dist"));
    const bytes = zst(rawTar([file("packages/b/dist/pwned.txt")]));
    await expectRefused(bytes, "ERR_ARTIFACT_PATH_ESCAPE", d);
  });

  it("refuses a symlink to an outside directory followed by a file through it", async () => {
    const d = await dirs();
    const bytes = zst(
      rawTar([link("packages/b/dist", d.sentinel), file("packages/b/dist/pwned.txt")]),
    );
    await expectRefused(bytes, "ERR_ARTIFACT_SYMLINK_ESCAPE", d);
  });

  it("refuses writing through a symlink planted earlier in the same archive, even one inside", async () => {
    const d = await dirs();
    const bytes = zst(
      rawTar([dir("packages/b/real/"), link("packages/b/l", "real"), file("packages/b/l/x.txt")]),
    );
    await expectRefused(bytes, "ERR_ARTIFACT_THROUGH_SYMLINK", d);
  });

  it("refuses a directory replaced by a symlink (CVE-2021-32803 cache poisoning)", async () => {
    const d = await dirs();
    const bytes = zst(
      rawTar([dir("packages/b/d/"), link("packages/b/d", "."), file("packages/b/d/x.txt")]),
    );
    await expectRefused(bytes, "ERR_ARTIFACT_THROUGH_SYMLINK", d);
  });

  it("refuses a symlink chain that leaves the anchor although each link looks inside (CVE-2026-26960)", async () => {
    const d = await dirs();
    const bytes = zst(
      rawTar([
        dir("packages/b/a/b/c/"),
        link("packages/b/a/b/c/up", "../.."),
        link("packages/b/a/b/escape", "c/up/../../../../../../outside"),
      ]),
    );
    await expectRefused(bytes, "ERR_ARTIFACT_SYMLINK_ESCAPE", d);
  });

  it("refuses a hardlink, inside or out (CVE-2026-23745, CVE-2026-24842)", async () => {
    const d = await dirs();
    await expectRefused(
      zst(
        rawTar([
          file("packages/b/a"),
          { name: "packages/b/h", type: "1", linkname: "packages/b/a" },
        ]),
      ),
      "ERR_ARTIFACT_UNSUPPORTED_TYPE",
      d,
    );
    await expectRefused(
      zst(rawTar([{ name: "packages/b/h", type: "1", linkname: "../../../outside/keep.txt" }])),
      "ERR_ARTIFACT_UNSUPPORTED_TYPE",
      d,
    );
  });

  it("refuses drive-relative names and link targets (CVE-2026-29786)", async () => {
    const d = await dirs();
    await expectRefused(zst(rawTar([file("C:../pwned.txt")])), "ERR_ARTIFACT_ABSOLUTE_PATH", d);
    await expectRefused(
      zst(rawTar([link("packages/b/l", "C:../../outside")])),
      "ERR_ARTIFACT_SYMLINK_ESCAPE",
      d,
    );
  });

  it("refuses backslash names that are separators on Windows (CVE-2021-37701/37713)", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([file("packages\\..\\..\\outside\\pwned.txt")])),
      "ERR_ARTIFACT_BAD_NAME",
      d,
    );
  });

  describe("anything under `.git` (turbo refuses any `.git` component; a hook would run at the next commit)", () => {
    async function withGit(): Promise<{ anchor: string; sentinel: string }> {
      const d = await dirs();
      await mkdir(path.join(d.anchor, ".git/hooks"), { recursive: true });
      await writeFile(path.join(d.anchor, ".git/HEAD"), "ref: refs/heads/main\n");
      await mkdir(path.join(d.anchor, "packages/b/dist"), { recursive: true });
      return d;
    }
    const hook = (name: string) => ({ ...file(name, "#!/bin/sh\ntouch pwned\n"), mode: 0o100755 });

    it.each([
      [".git/hooks/post-commit"],
      ["./.git/hooks/post-commit"],
      ["packages/b/.git/config"],
      ["packages/b/dist/.git/hooks/pre-commit"],
      [".GIT/hooks/post-commit"],
      [".Git/config"],
      [".g\u200cit/hooks/post-commit"],
      [".git"],
    ])("refuses a file entry %j", async (name) => {
      const d = await withGit();
      await expectRefused(zst(rawTar([hook(name)])), "ERR_ARTIFACT_GIT_PATH", d);
    });

    it("refuses a `.git` directory entry and a `.git` symlink entry", async () => {
      const d = await withGit();
      await expectRefused(zst(rawTar([dir("packages/b/.git/")])), "ERR_ARTIFACT_GIT_PATH", d);
      await expectRefused(zst(rawTar([link(".git", "packages/b")])), "ERR_ARTIFACT_GIT_PATH", d);
    });

    it("refuses a symlink whose target lies in `.git`, so no later write can go through it", async () => {
      const d = await withGit();
      const bytes = zst(rawTar([link("packages/b/dist/hooks", "../../../.git/hooks")]));
      await expectRefused(bytes, "ERR_ARTIFACT_GIT_PATH", d);
      const absolute = zst(rawTar([link("packages/b/dist/h", path.join(d.anchor, ".git"))]));
      await expectRefused(absolute, "ERR_ARTIFACT_GIT_PATH", d);
    });

    it("refuses writing through a symlink on disk that leads into `.git`", async () => {
      const d = await withGit();
      await rm(path.join(d.anchor, "packages/b/dist"), { recursive: true });
      await symlink("../../.git/hooks", path.join(d.anchor, "packages/b/dist"));
      const bytes = zst(rawTar([hook("packages/b/dist/post-commit")]));
      await expectRefused(bytes, "ERR_ARTIFACT_GIT_PATH", d);
    });
  });

  it("refuses a case-colliding path through a symlink (CVE-2021-37712)", async () => {
    const d = await dirs();
    const bytes = zst(
      rawTar([dir("packages/b/real/"), link("packages/b/L", "real"), file("packages/b/l/x.txt")]),
    );
    await expectRefused(bytes, "ERR_ARTIFACT_THROUGH_SYMLINK", d);
  });

  it("refuses a ß/ss and NFC/NFD collision with a symlink (CVE-2026-23950)", async () => {
    const d = await dirs();
    const sharp = zst(
      rawTar([dir("packages/b/r/"), link("packages/b/straße", "r"), file("packages/b/STRASSE/x")]),
    );
    await expectRefused(sharp, "ERR_ARTIFACT_THROUGH_SYMLINK", d);
    const nfd = zst(
      rawTar([
        dir("packages/b/r/"),
        link("packages/b/caf\u00e9", "r"),
        file("packages/b/cafe\u0301/x"),
      ]),
    );
    await expectRefused(nfd, "ERR_ARTIFACT_THROUGH_SYMLINK", d);
  });

  it("refuses paths deeper than the depth limit (CVE-2024-28863)", async () => {
    const d = await dirs();
    const deep = `${"d/".repeat(200)}f.txt`;
    await expectRefused(
      zst(rawTar([longRecord("L", deep), file(deep.slice(0, 100))])),
      "ERR_ARTIFACT_LIMIT",
      d,
    );
  });

  it("refuses escapes hidden in a GNU long name or long link target", async () => {
    const d = await dirs();
    const longName = `${"../".repeat(40)}outside/pwned.txt`;
    await expectRefused(
      zst(rawTar([longRecord("L", longName), file("short")])),
      "ERR_ARTIFACT_PATH_ESCAPE",
      d,
    );
    const longTarget = `${"../".repeat(40)}outside`;
    await expectRefused(
      zst(rawTar([longRecord("K", longTarget), link("packages/b/l", "x")])),
      "ERR_ARTIFACT_SYMLINK_ESCAPE",
      d,
    );
  });

  it("honours pax paths, so a pax `..` is refused rather than hidden", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([paxRecord({ path: "../outside/pwned.txt" }), file("innocent.txt")])),
      "ERR_ARTIFACT_PATH_ESCAPE",
      d,
    );
  });

  it("refuses names with a NUL byte, in the header or a long name", async () => {
    const d = await dirs();
    const name = Buffer.concat([Buffer.from("safe.txt\0"), Buffer.from("../../outside/x")]);
    await expectRefused(
      zst(rawTar([{ name, type: "0", body: "x" }])),
      "ERR_ARTIFACT_NUL_IN_NAME",
      d,
    );
    await expectRefused(
      zst(rawTar([longRecord("L", "a\0../../x"), file("a")])),
      "ERR_ARTIFACT_NUL_IN_NAME",
      d,
    );
  });

  it("refuses devices and FIFOs", async () => {
    const d = await dirs();
    for (const type of ["3", "4", "6"]) {
      await expectRefused(
        zst(rawTar([{ name: "packages/b/dev", type }])),
        "ERR_ARTIFACT_UNSUPPORTED_TYPE",
        d,
      );
    }
  });

  it("refuses a symlink cycle", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([link("packages/b/a", "b"), link("packages/b/b", "a")])),
      "ERR_ARTIFACT_SYMLINK_CYCLE",
      d,
    );
  });

  it("refuses an entry that changes type (file then directory of the same name)", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([file("packages/b/x"), dir("packages/b/x/")])),
      "ERR_ARTIFACT_DUPLICATE_ENTRY",
      d,
    );
  });

  it("refuses a file where a directory already stands on disk, before writing anything", async () => {
    const d = await dirs();
    await mkdir(path.join(d.anchor, "packages/b/taken"));
    await expectRefused(
      zst(rawTar([file("packages/b/first.txt"), file("packages/b/taken")])),
      "ERR_ARTIFACT_CONFLICT",
      d,
    );
  });
});

describe("damaged archives leave no partial output", () => {
  const good = (): Buffer =>
    rawTar([
      dir("packages/b/dist/"),
      file("packages/b/dist/a.txt", "a".repeat(5000)),
      file("packages/b/dist/b.txt"),
    ]);

  it("refuses a truncated zstd stream", async () => {
    const d = await dirs();
    const bytes = zst(good());
    await expectRefused(bytes.subarray(0, bytes.length - 8), "ERR_ARTIFACT_TRUNCATED", d);
  });

  it("refuses a tar without its end-of-archive marker", async () => {
    const d = await dirs();
    await expectRefused(zst(good().subarray(0, good().length - 1024)), "ERR_ARTIFACT_TRUNCATED", d);
  });

  it("refuses a tar cut inside a file body", async () => {
    const d = await dirs();
    await expectRefused(zst(good().subarray(0, 1536)), "ERR_ARTIFACT_TRUNCATED", d);
  });

  it("refuses corrupt zstd data", async () => {
    const d = await dirs();
    const bytes = Buffer.from(zst(good()));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await expectRefused(bytes, "ERR_ARTIFACT_CORRUPT", d);
  });

  it("refuses a header whose checksum does not match", async () => {
    const d = await dirs();
    await expectRefused(
      zst(rawTar([{ ...file("packages/b/x"), badChecksum: true }])),
      "ERR_ARTIFACT_CORRUPT",
      d,
    );
  });

  it("refuses bytes that are neither zstd, gzip nor tar", async () => {
    const d = await dirs();
    await expectRefused(
      Buffer.from("<html>not an artifact</html>".repeat(20)),
      "ERR_ARTIFACT_CORRUPT",
      d,
    );
  });
});

describe("ordinary tars from other writers", () => {
  it("skips a `./` entry for the anchor itself, as `tar -C dir .` writes", async () => {
    const d = await dirs();
    const { restoreArtifact } = await import("@turbine/artifact/internal");
    const { fromBytes } = await import("./helpers/restore-helpers.js");
    const tar = rawTar([dir("./"), dir("./packages/b/out/"), file("./packages/b/out/x.txt")]);
    const result = await restoreArtifact(fromBytes(zst(tar)), { anchor: d.anchor });
    expect(result.entries.map((e) => e.path)).toEqual(["packages/b/out", "packages/b/out/x.txt"]);
    expect(await readFile(path.join(d.anchor, "packages/b/out/x.txt"), "utf8")).toBe("x\n");
  });
});

describe("limits", () => {
  it("stops a decompression bomb by ratio before writing it out", async () => {
    const d = await dirs();
    const size = 64 * 1024 * 1024;
    const tar = Buffer.concat([
      rawRecord({ name: "packages/b/bomb", type: "0", size }),
      Buffer.alloc(size),
      Buffer.alloc(1024),
    ]);
    const bomb = zstdCompressSync(tar);
    expect(bomb.length).toBeLessThan(size / 1000);
    await expectRefused(bomb, "ERR_ARTIFACT_LIMIT", d, {
      limits: { ratioFloorBytes: 1024 * 1024 },
    });
  });

  it("caps total bytes, entry count and name length", async () => {
    const d = await dirs();
    const tar = rawTar([
      file("packages/b/a", "x".repeat(4096)),
      file("packages/b/b"),
      file("packages/b/c"),
    ]);
    await expectRefused(zst(tar), "ERR_ARTIFACT_LIMIT", d, { limits: { maxTotalBytes: 2048 } });
    await expectRefused(zst(tar), "ERR_ARTIFACT_LIMIT", d, { limits: { maxEntries: 2 } });
    await expectRefused(zst(tar), "ERR_ARTIFACT_LIMIT", d, { limits: { maxPathBytes: 8 } });
  });

  it("restores within limits once they are raised", async () => {
    const d = await dirs();
    const tar = rawTar([file("packages/b/a", "x".repeat(4096))]);
    const { restoreArtifact } = await import("@turbine/artifact/internal");
    const { fromBytes } = await import("./helpers/restore-helpers.js");
    await restoreArtifact(fromBytes(zst(tar)), {
      anchor: d.anchor,
      limits: { maxTotalBytes: 1 << 20 },
    });
    expect(await readFile(path.join(d.anchor, "packages/b/a"), "utf8")).toHaveLength(4096);
  });
});
