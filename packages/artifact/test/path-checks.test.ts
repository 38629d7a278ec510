import { sortPaths } from "@turbine/artifact";
import {
  canonicalLinkTarget,
  checkEntryPath,
  collisionKey,
  comparePathOrder,
  resolveLinkTarget,
} from "@turbine/artifact/internal";
import { describe, expect, it } from "vitest";

describe("checkEntryPath", () => {
  const ok: [string, string, number][] = [
    ["a", "a", 1],
    ["a/b/c.txt", "a/b/c.txt", 3],
    ["./a/b", "a/b", 2],
    ["a/b/", "a/b", 2],
    ["a//b", "a/b", 2],
    ["a/./b", "a/b", 2],
    ["ünï.txt", "ünï.txt", 1],
    ["ab:c", "ab:c", 1],
    ["..a/b..", "..a/b..", 2],
    ["a/.gitignore", "a/.gitignore", 2],
    ["a/.github/x", "a/.github/x", 3],
    ["a/git/.gi", "a/git/.gi", 3],
  ];
  it.each(ok)("accepts %j as %j (depth %i)", (raw, path, depth) => {
    expect(checkEntryPath(raw)).toEqual({ ok: true, path, depth });
  });

  const bad: [string, string][] = [
    ["", "ERR_ARTIFACT_BAD_NAME"],
    [".", "ERR_ARTIFACT_BAD_NAME"],
    ["./", "ERR_ARTIFACT_BAD_NAME"],
    ["/etc/passwd", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["//etc/passwd", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["C:/x", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["c:../x", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["a:b", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["\\\\server\\share", "ERR_ARTIFACT_ABSOLUTE_PATH"],
    ["a\\b", "ERR_ARTIFACT_BAD_NAME"],
    ["..", "ERR_ARTIFACT_PATH_ESCAPE"],
    ["../x", "ERR_ARTIFACT_PATH_ESCAPE"],
    ["a/../b", "ERR_ARTIFACT_PATH_ESCAPE"],
    ["a/b/..", "ERR_ARTIFACT_PATH_ESCAPE"],
    ["a\0b", "ERR_ARTIFACT_NUL_IN_NAME"],
    [".git", "ERR_ARTIFACT_GIT_PATH"],
    [".git/", "ERR_ARTIFACT_GIT_PATH"],
    [".git/hooks/post-commit", "ERR_ARTIFACT_GIT_PATH"],
    ["./.git/config", "ERR_ARTIFACT_GIT_PATH"],
    ["packages/a/.git/x", "ERR_ARTIFACT_GIT_PATH"],
    ["a/.GIT/x", "ERR_ARTIFACT_GIT_PATH"],
    ["a/.gIt", "ERR_ARTIFACT_GIT_PATH"],
    ["a/.g\u200dit/x", "ERR_ARTIFACT_GIT_PATH"],
    ["ü/.git/x", "ERR_ARTIFACT_GIT_PATH"],
  ];
  it.each(bad)("refuses %j with %s", (raw, code) => {
    const check = checkEntryPath(raw);
    expect(check.ok).toBe(false);
    expect(check.ok ? undefined : check.code).toBe(code);
  });
});

describe("resolveLinkTarget (lexical, from the link's parent, as turbo 2.11.13)", () => {
  const anchor = "/repo";
  const cases: [string, string, string | undefined][] = [
    ["packages/a/dist/link.js", "index.js", "packages/a/dist/index.js"],
    ["packages/b/dist/to-a", "../../a/package.json", "packages/a/package.json"],
    ["packages/b/dist/to-root", "../../../package.json", "package.json"],
    ["packages/b/dist/root", "../../..", ""],
    ["packages/b/dist/dangling", "does-not-exist", "packages/b/dist/does-not-exist"],
    ["packages/b/dist/abs-inside", "/repo/packages/a/x", "packages/a/x"],
    ["packages/b/dist/abs-root", "/repo", ""],
    ["packages/b/dist/up", "../../../../outside", undefined],
    ["packages/b/dist/abs", "/etc/hostname", undefined],
    ["packages/b/dist/sibling", "/repo-other/x", undefined],
    ["packages/b/dist/drive", "C:../x", undefined],
    ["packages/b/dist/bs", "..\\..\\x", undefined],
    ["top", "..", undefined],
    ["packages/b/dist/hooks", "../../../.git/hooks", undefined],
    ["packages/b/dist/git", "/repo/.git", undefined],
    ["packages/b/dist/gitdir", "../.GIT", undefined],
    ["packages/b/dist/ok", "../.github", "packages/b/.github"],
  ];
  it.each(cases)("%s -> %s resolves to %j", (link, target, resolved) => {
    const check = resolveLinkTarget(link, target, anchor);
    expect(check.ok ? check.resolved : undefined).toBe(resolved);
  });

  it("refuses NUL and empty targets with their own codes", () => {
    expect(resolveLinkTarget("a", "x\0", anchor)).toMatchObject({
      ok: false,
      code: "ERR_ARTIFACT_NUL_IN_NAME",
    });
    expect(resolveLinkTarget("a", "", anchor)).toMatchObject({
      ok: false,
      code: "ERR_ARTIFACT_BAD_NAME",
    });
  });
});

describe("canonicalLinkTarget (Rust Path components, as the tar crate stores them)", () => {
  const cases: [string, string][] = [
    ["index.js", "index.js"],
    ["./x", "./x"],
    ["a//b", "a/b"],
    ["a/./b", "a/b"],
    ["a/.", "a"],
    ["../../a/", "../../a/"],
    ["/etc/hostname", "/etc/hostname"],
    ["//etc", "/etc"],
  ];
  it.each(cases)("%j is stored as %j", (raw, stored) => {
    expect(canonicalLinkTarget(raw)).toBe(stored);
  });
});

describe("Rust Path order", () => {
  it("sorts component by component, bytewise: x/ and x/y before x-y, uppercase first", () => {
    const sorted = sortPaths([
      "dist/x-y.txt",
      "dist/x/y.txt",
      "dist/x",
      "dist/abs-link",
      "dist/X.txt",
      "dist",
      "dist/ünï.txt",
    ]);
    expect(sorted).toEqual([
      "dist",
      "dist/X.txt",
      "dist/abs-link",
      "dist/x",
      "dist/x/y.txt",
      "dist/x-y.txt",
      "dist/ünï.txt",
    ]);
  });

  it("compares UTF-8 bytes, not UTF-16 code units", () => {
    // U+FF21 (EF BC A1 in UTF-8) sorts before U+1F600 (F0 9F 98 80); UTF-16 says the reverse.
    expect(comparePathOrder("\uFF21", "\u{1F600}")).toBeLessThan(0);
  });

  it("drops exact duplicates", () => {
    expect(sortPaths(["b", "a", "b"])).toEqual(["a", "b"]);
  });
});

describe("collisionKey", () => {
  it.each([
    ["A", "a"],
    ["straße", "STRASSE"],
    ["caf\u00e9", "cafe\u0301"],
  ])("%j and %j collide", (a, b) => {
    expect(collisionKey(a)).toBe(collisionKey(b));
  });

  it("keeps distinct names distinct", () => {
    expect(collisionKey("a-b")).not.toBe(collisionKey("a_b"));
  });
});
