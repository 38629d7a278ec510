import { loadWorkspace, type Workspace } from "@turbine/workspace";
import { readBlockYaml } from "@turbine/workspace/internal";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";

import { readRealLockfile, tempDirs, writeRealRepo } from "./real-repos.js";

// readBlockYaml against the reference parse (the `yaml` library, failsafe schema, as the
// lockfile readers call it) on lockfiles the real package managers wrote: the benchmark's
// real-shaped repos.
const LOCKFILES = ["pnpm", "berry"] as const;
const texts = new Map<string, Promise<string>>();
function lockfile(name: "pnpm" | "berry"): Promise<string> {
  let text = texts.get(name);
  if (text === undefined) {
    text = readRealLockfile(name);
    texts.set(name, text);
  }
  return text;
}

function reference(text: string): unknown {
  return YAML.parse(text, { schema: "failsafe", uniqueKeys: false });
}

describe.each(LOCKFILES)("the %s lockfile the package manager wrote", (name) => {
  it("is read whole by the fast reader, to exactly the reference parse", async () => {
    const text = await lockfile(name);
    const fast = readBlockYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(reference(text));
  });

  it("keeps quoted, scoped and peer-suffixed keys and flow collections as the reference does", async () => {
    const text = await lockfile(name);
    const fast = readBlockYaml(text) as Record<string, Record<string, unknown>>;
    const ref = reference(text) as Record<string, Record<string, unknown>>;
    const section = name === "pnpm" ? "snapshots" : undefined;
    const keys = Object.keys(section === undefined ? ref : (ref[section] ?? {}));
    const odd = keys.filter((k) => k.startsWith("@") && (name !== "pnpm" || k.includes("(")));
    expect(odd.length).toBeGreaterThan(10);
    for (const key of odd.slice(0, 50)) {
      const pick = (doc: Record<string, Record<string, unknown>>): unknown =>
        section === undefined ? doc[key] : doc[section]?.[key];
      expect(pick(fast), key).toEqual(pick(ref));
    }
  });
});

/** Variants of a real lockfile: what each does to the text, and whether the fast reader takes it. */
const VARIANTS: readonly [string, (text: string) => string, boolean][] = [
  ["CRLF line endings", (t) => t.replaceAll("\n", "\r\n"), false],
  ["a byte-order mark", (t) => `\uFEFF${t}`, false],
  [
    "full-line comments between entries",
    (t) => t.replace(/\n\n/g, "\n\n# note\n  # indented\n"),
    true,
  ],
  ["a trailing comment on a value", (t) => t.replace(/\n(\S[^\n]*:)\n/, "\n$1 # why\n"), false],
  ["a second document", (t) => `${t}---\nextra: 1\n`, false],
  ["a document start marker", (t) => `---\n${t}`, false],
  ["tabs", (t) => t.replace(/\n\n/, "\n\t\n"), false],
  ["an anchor and an alias", (t) => `${t}anchored: &a {x: 'y'}\naliased: *a\n`, false],
  ["a block scalar", (t) => `${t}note: |\n  two\n  lines\n`, false],
  ["a multi-line plain scalar", (t) => `${t}folded: one\n  two\n`, false],
  ["a flow mapping over two lines", (t) => `${t}flow: {a: b,\n  c: d}\n`, false],
  ["an escaped double-quoted scalar", (t) => `${t}"esc\\u0041ped": "tab\\there"\n`, false],
  ["a duplicate top-level key", (t) => `${t}dup: 1\ndup: 2\n`, false],
  ["an explicit key", (t) => `${t}? explicit\n: value\n`, false],
  ["a sequence at its key's indentation", (t) => `${t}list:\n- a\n- b\n`, false],
  ["an empty value and empty flow collections", (t) => `${t}empty:\nnone: {}\nnil: []\n`, true],
  ["quotes with doubled quotes inside", (t) => `${t}'it''s': 'a ''b'' c'\n`, true],
  [
    "a URL in a flow mapping",
    (t) => `${t}tarball: {url: https://r.example/a/-/a-1.0.0.tgz}\n`,
    true,
  ],
];

describe.each(LOCKFILES)("variants of the %s lockfile", (name) => {
  it.each(VARIANTS)("with %s parse as the reference does", async (_what, change, taken) => {
    const text = change(await lockfile(name));
    const fast = readBlockYaml(text);
    expect(fast !== undefined).toBe(taken);
    if (fast !== undefined) expect(fast).toEqual(reference(text));
  });
});

describe("small documents", () => {
  it.each([
    ["a: b\n", true],
    ["a:\n  b: c\n  d:\n    - e\n    - 'f'\n", true],
    ["a: [x, 'y', {z: w}]\n", true],
    ["engines: {node: '>=18'}\ncpu: [x64]\n", true],
    ["'@scope/a@1.0.0(react@18.3.1)':\n  resolution: {integrity: sha512-abc==}\n", true],
    ['"a@npm:^1, a@npm:^1.2":\n  version: 1.2.0\n', true],
    ["lockfileVersion: 5.4\n", true],
    ["a: -1\nb: -x\nc: ::1\n", true],
    ["a: b: c\n", false],
    ["a: b:\n", false],
    ["a: [x\n", false],
    ["a: 'x\n", false],
    ["a: x #c\n", false],
    ["__proto__: x\n", false],
    ["<<: {a: b}\n", false],
    ["- a\n", false],
    ["  a: b\n", false],
    ["a: !!str b\n", false],
    ["a: *b\n", false],
    ["a: [x: y]\n", false],
    ["", false],
    ["# only a comment\n", false],
  ])("%j (fast reader: %s) parses as the reference does", (text, taken) => {
    const fast = readBlockYaml(text);
    expect(fast !== undefined).toBe(taken);
    if (fast !== undefined) expect(fast).toEqual(reference(text));
  });
});

// The lockfile readers on the same real lockfile through both paths: as written (the fast
// reader) and with CRLF line endings (the reference parse); every closure must agree.
const dirs = tempDirs();
afterAll(() => dirs.removeAll());

async function workspaceWith(name: "pnpm" | "berry", text: string): Promise<Workspace> {
  return loadWorkspace(dirs.track(await writeRealRepo(name, text)), { closureCache: false });
}

describe.each(LOCKFILES)("%s closures", (name) => {
  it("are the same from the fast reader and from the reference parse", async () => {
    const text = await lockfile(name);
    const [fast, slow] = await Promise.all([
      workspaceWith(name, text),
      workspaceWith(name, text.replaceAll("\n", "\r\n")),
    ]);
    expect(fast.lockfileProblem).toBeUndefined();
    expect(slow.lockfileProblem).toBeUndefined();
    let entries = 0;
    for (const pkg of ["//", ...fast.packages.keys()]) {
      const closure = fast.externalClosure(pkg);
      entries += closure?.length ?? 0;
      expect(closure, pkg).toEqual(slow.externalClosure(pkg));
    }
    expect(entries).toBeGreaterThan(10_000);
  }, 120_000);
});

describe("the core schema (pnpm-workspace.yaml, .yarnrc.yml)", () => {
  it.each([
    ["packages:\n  - 'apps/*'\n  - packages/*\n  - '!**/test/**'\n", true],
    ["nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.18.1.cjs\n", true],
    ["catalog:\n  react: ^19.1.0\n  zod: 4.0.0-beta\n", true],
    ["a: yes\nb: 'true'\nc: \"1\"\nd: v1.0\ne: 1.2.3\n", true],
    ["linkWorkspacePackages: true\n", false],
    ["a: 1\n", false],
    ["a: -1.5\n", false],
    ["a: .5\n", false],
    ["a: 1e3\n", false],
    ["a: 0x1F\n", false],
    ["a: 0o17\n", false],
    ["a: .inf\n", false],
    ["a: .NaN\n", false],
    ["a: ~\n", false],
    ["a: Null\n", false],
    ["a: FALSE\n", false],
    ["a:\n", false],
    ["1: a\n", false],
    ["a: [1, b]\n", false],
    ["a:\n  - 2\n", false],
  ])("%j (fast reader: %s) parses as the reference does", (text, taken) => {
    const fast = readBlockYaml(text, "core");
    expect(fast !== undefined).toBe(taken);
    if (fast !== undefined) expect(fast).toEqual(YAML.parse(text));
  });
});
