import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { loadWorkspace, type Workspace } from "@turbine/workspace";
import { afterAll, describe, expect, it } from "vitest";

import { readRealLockfile, type RealRepoName, tempDirs, writeRealRepo } from "./real-repos.js";

// The closure store (.turbo/turbine/closures.json) on the benchmark's real-shaped repos: served
// only for exactly the inputs it was computed from, a miss for anything else it may hold.
const STORE = ".turbo/turbine/closures.json";
const dirs = tempDirs();
afterAll(() => dirs.removeAll());

async function repo(name: RealRepoName, lockfileText?: string): Promise<string> {
  return dirs.track(await writeRealRepo(name, lockfileText));
}

function closures(ws: Workspace): Record<string, unknown> {
  expect(ws.lockfileProblem).toBeUndefined();
  const out: Record<string, unknown> = {};
  for (const name of ["//", ...ws.packages.keys()]) out[name] = ws.externalClosure(name);
  return out;
}

interface Stored {
  format: string;
  version: number;
  inputs: string;
  lockfile: string;
  packages: [string, string][];
  closures: Record<string, string>;
}

/** The store's text: one line of JSON, then the lockfile's text as it was. */
function parseStore(text: string): Stored {
  const end = text.indexOf("\n");
  return { ...(JSON.parse(text.slice(0, end)) as Stored), lockfile: text.slice(end + 1) };
}

function storeText({ lockfile, ...rest }: Stored): string {
  return `${JSON.stringify(rest)}\n${lockfile}`;
}

async function readStore(root: string): Promise<Stored> {
  return parseStore(await readFile(path.join(root, STORE), "utf8"));
}

/**
 * Rewrites the store so that a load served from it is recognisable: the first two workspaces
 * with different closures swap them. Returns the closures such a load would give.
 */
async function tamper(
  root: string,
  truth: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const stored = await readStore(root);
  const ws = await loadWorkspace(root, { closureCache: false });
  const byDir = new Map([...ws.packages.values()].map((p) => [p.dir, p.name]));
  const dirsWithClosures = Object.keys(stored.closures).filter((d) => byDir.has(d));
  const a = dirsWithClosures[0] as string;
  const b = dirsWithClosures.find((d) => stored.closures[d] !== stored.closures[a]) as string;
  [stored.closures[a], stored.closures[b]] = [
    stored.closures[b] as string,
    stored.closures[a] as string,
  ];
  await writeFile(path.join(root, STORE), storeText(stored));
  const nameA = byDir.get(a) as string;
  const nameB = byDir.get(b) as string;
  return { ...truth, [nameA]: truth[nameB], [nameB]: truth[nameA] };
}

describe("the closure store", () => {
  it("is written on the first load and serves the next one", async () => {
    const root = await repo("yarn");
    const truth = closures(await loadWorkspace(root, { closureCache: false }));
    await expect(readdir(path.join(root, ".turbo"))).rejects.toThrow();
    expect(closures(await loadWorkspace(root))).toEqual(truth);
    const stored = await readStore(root);
    expect(stored.format).toBe("turbine-lockfile-closures");
    expect(Object.keys(stored.closures)).toHaveLength(Object.keys(truth).length);
    expect(stored.lockfile).toBe(await readFile(path.join(root, "yarn.lock"), "utf8"));
    const served = await tamper(root, truth);
    expect(closures(await loadWorkspace(root))).toEqual(served);
  });

  it("leaves no staging file behind", async () => {
    const root = await repo("yarn");
    await loadWorkspace(root);
    expect(await readdir(path.join(root, ".turbo/turbine"))).toEqual(["closures.json"]);
  });

  it("serves every package manager's closures exactly as computed", async () => {
    for (const name of ["npm", "pnpm", "yarn", "berry", "bun"] as const) {
      const root = await repo(name);
      const truth = closures(await loadWorkspace(root, { closureCache: false }));
      closures(await loadWorkspace(root));
      expect(closures(await loadWorkspace(root)), name).toEqual(truth);
    }
  }, 300_000);
});

describe("a change to any input of the closures is a miss", () => {
  /** Stores and tampers (proving the store serves), applies `change`, expects fresh closures. */
  async function expectMissAfter(root: string, change: () => Promise<void>): Promise<void> {
    const before = closures(await loadWorkspace(root));
    const served = await tamper(root, before);
    expect(closures(await loadWorkspace(root))).toEqual(served);
    await change();
    const truth = closures(await loadWorkspace(root, { closureCache: false }));
    expect(closures(await loadWorkspace(root))).toEqual(truth);
  }

  async function edit(file: string, update: (text: string) => string): Promise<void> {
    await writeFile(file, update(await readFile(file, "utf8")));
  }

  it("one byte of the lockfile", async () => {
    const root = await repo("yarn");
    await expectMissAfter(root, () => edit(path.join(root, "yarn.lock"), (t) => `${t}#\n`));
  });

  it("a workspace's dependency", async () => {
    const root = await repo("yarn");
    const [dir] = (await readdir(path.join(root, "packages"))).sort();
    await expectMissAfter(root, () =>
      edit(path.join(root, "packages", dir as string, "package.json"), (t) => {
        const pkg = JSON.parse(t) as { dependencies?: Record<string, string> };
        return JSON.stringify({ ...pkg, dependencies: { ...pkg.dependencies, extra: "^1.0.0" } });
      }),
    );
  });

  it("the root resolutions", async () => {
    const root = await repo("yarn");
    await expectMissAfter(root, () =>
      edit(path.join(root, "package.json"), (t) => {
        const pkg = JSON.parse(t) as Record<string, unknown>;
        return JSON.stringify({ ...pkg, resolutions: { "left-pad": "1.0.0" } });
      }),
    );
  });

  it.each([
    ["a patch file the bun lockfile names", "patchedDependencies"],
    ["a patch file the bun lockfile names under an escaped key", "patched\\u0044ependencies"],
  ])("%s", async (_what, key) => {
    const text = (await readRealLockfile("bun")).replace(
      "{\n",
      `{\n  "${key}": { "lodash@4.17.21": "patches/lodash.patch" },\n`,
    );
    expect(text).toContain('"lodash@4.17.21"');
    const root = await repo("bun", text);
    await mkdir(path.join(root, "patches"));
    const patch = path.join(root, "patches/lodash.patch");
    await writeFile(patch, "one\n");
    await expectMissAfter(root, () => writeFile(patch, "two\n"));
  });

  it("another version of the closure logic", async () => {
    const root = await repo("yarn");
    const truth = closures(await loadWorkspace(root));
    const served = await tamper(root, truth);
    expect(closures(await loadWorkspace(root))).toEqual(served);
    const stored = await readStore(root);
    await writeFile(path.join(root, STORE), storeText({ ...stored, version: stored.version + 1 }));
    expect(closures(await loadWorkspace(root))).toEqual(truth);
  });
});

describe("a store that is not one is a miss", () => {
  const cases: readonly [string, (stored: Stored, text: string) => string][] = [
    ["an empty file", () => ""],
    ["a truncated file", (_s, text) => text.slice(0, Math.floor(text.length / 2))],
    ["bytes that are not JSON", () => "\u0000\u00ff\u0001garbage"],
    ["a JSON array", () => "[]"],
    ["another tool's file", () => JSON.stringify({ version: 1, key: "x", closures: {} })],
    ["another format's name", (s) => storeText({ ...s, format: "something-else" })],
    ["other inputs", (s) => storeText({ ...s, inputs: s.inputs.replace("yarn", "npm") })],
    ["another lockfile", (s) => storeText({ ...s, lockfile: `${s.lockfile} ` })],
    [
      "a table entry that is not a pair of strings",
      (s) => {
        const packages = [[1, 2], ...s.packages.slice(1)] as unknown as Stored["packages"];
        return storeText({ ...s, packages });
      },
    ],
    [
      "a bitset of the wrong length",
      (s) => {
        const [dir] = Object.keys(s.closures);
        return storeText({ ...s, closures: { ...s.closures, [dir as string]: "AAAA" } });
      },
    ],
    [
      "a bit past the end of the table",
      (s) => {
        // Drop a table entry if need be so the last byte has a spare top bit, then set it.
        const packages = s.packages.length % 8 === 0 ? s.packages.slice(1) : s.packages;
        const [dir] = Object.keys(s.closures);
        const bits = Buffer.from(s.closures[dir as string] as string, "base64");
        bits[bits.length - 1] = (bits[bits.length - 1] as number) | 0x80;
        const closures = { ...s.closures, [dir as string]: bits.toString("base64") };
        return storeText({ ...s, packages, closures });
      },
    ],
    [
      "a workspace missing",
      (s) => {
        const closures = Object.fromEntries(Object.entries(s.closures).slice(1));
        return storeText({ ...s, closures });
      },
    ],
    [
      "a workspace too many",
      (s) =>
        storeText({
          ...s,
          closures: { ...s.closures, "not/a/workspace": Object.values(s.closures)[0] as string },
        }),
    ],
  ];

  it.each(cases)("%s", async (_what, corrupt) => {
    const root = await repo("yarn");
    const truth = closures(await loadWorkspace(root));
    const text = await readFile(path.join(root, STORE), "utf8");
    await writeFile(path.join(root, STORE), corrupt(parseStore(text), text));
    expect(closures(await loadWorkspace(root))).toEqual(truth);
    expect(await readFile(path.join(root, STORE), "utf8")).toBe(text);
  });

  it("is deleted: closures are computed and stored again", async () => {
    const root = await repo("yarn");
    const truth = closures(await loadWorkspace(root));
    const text = await readFile(path.join(root, STORE), "utf8");
    await rm(path.join(root, ".turbo"), { recursive: true });
    expect(closures(await loadWorkspace(root))).toEqual(truth);
    expect(await readFile(path.join(root, STORE), "utf8")).toBe(text);
  });

  it("cannot be written: the load succeeds and leaves nothing", async () => {
    const root = await repo("yarn");
    const truth = closures(await loadWorkspace(root, { closureCache: false }));
    await mkdir(path.join(root, ".turbo"));
    await writeFile(path.join(root, ".turbo/turbine"), "a file where the directory goes\n");
    expect(closures(await loadWorkspace(root))).toEqual(truth);
    expect((await readdir(path.join(root, ".turbo"))).sort()).toEqual(["turbine"]);
  });

  it("is never written for a lockfile that does not fit the workspaces", async () => {
    const root = await repo("pnpm");
    await mkdir(path.join(root, "packages/not-in-the-lockfile"), { recursive: true });
    await writeFile(
      path.join(root, "packages/not-in-the-lockfile/package.json"),
      JSON.stringify({ name: "@acme/not-in-the-lockfile", dependencies: { zod: "^4.0.0" } }),
    );
    const ws = await loadWorkspace(root);
    expect(ws.lockfileProblem?.message).toContain('no importer "packages/not-in-the-lockfile"');
    await expect(readdir(path.join(root, ".turbo"))).rejects.toThrow();
  });
});

describe("the closure logic version", () => {
  // A digest of every source the closures depend on, pinned with the version: a change to any of
  // them fails here until CLOSURE_LOGIC_VERSION (src/lockfile/closure-cache.ts) is bumped and this
  // pin updated, so stored closures of the old logic are never served by the new one.
  const PINNED = {
    version: 2,
    digest: "ae7b80223f15fc0ced73e0ade10bfd0d6987d4de2b9bcad5f6b57b5425ce3bfa",
  };

  it("moves with the closure logic", async () => {
    const src = path.resolve(import.meta.dirname, "../src");
    const files = [
      ...(await readdir(path.join(src, "lockfile"))).map((f) => `lockfile/${f}`),
      "block-yaml.ts",
      "jsonc.ts",
      "yaml.ts",
      "semver.ts",
    ].sort();
    const hash = createHash("sha256");
    for (const file of files) hash.update(`${file}\0`).update(await readFile(path.join(src, file)));
    const source = await readFile(path.join(src, "lockfile/closure-cache.ts"), "utf8");
    const version = Number(/CLOSURE_LOGIC_VERSION = (\d+);/.exec(source)?.[1]);
    expect({ version, digest: hash.digest("hex") }).toEqual(PINNED);
  });
});
