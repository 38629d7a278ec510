import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { CommitWorker } from "@turbine/artifact";
import { restoreArtifact } from "@turbine/artifact/internal";
import { rawTar, zst } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runCommitOps } from "../src/commit-ops.js";
import { freeNames } from "./helpers/free-names.js";
import { testWorker } from "./helpers/restore-helpers.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

const file = (name: string, body: string) => ({ name, type: "0", body });

describe("CommitWorker", () => {
  it("runs a program that names nothing outside runCommitOps' own text", async () => {
    // The worker evaluates runCommitOps.toString() as built (tsc's output, what the CLI bundle
    // takes in): an import or outer constant used inside it would fail only on that thread.
    const built = (await import("../dist/commit-ops.js")) as { runCommitOps: () => void };
    for (const source of [built.runCommitOps.toString(), runCommitOps.toString()]) {
      expect(freeNames(source)).toEqual([]);
    }
  });

  it("restores many archives at once, committing on the worker", async () => {
    const anchor = await tempDir();
    const worker = await testWorker();
    const before = worker.jobsRun;
    const count = 40;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const tar = rawTar([file(`packages/p${String(i)}/dist/index.js`, `built ${String(i)}\n`)]);
        return restoreArtifact(zst(tar), { anchor, worker });
      }),
    );
    expect(results.every((r) => r.written === 1)).toBe(true);
    for (let i = 0; i < count; i++) {
      const out = path.join(anchor, `packages/p${String(i)}/dist/index.js`);
      expect(await readFile(out, "utf8")).toBe(`built ${String(i)}\n`);
    }
    // Some ran on the worker (while it had MAX_QUEUED in flight, the others ran here).
    expect(worker.jobsRun - before).toBeGreaterThan(0);
    expect((await readdir(anchor)).sort()).toEqual(["packages"]);
  });

  it("fails with the very error the same step throws on the caller's thread", async () => {
    const base = await tempDir();
    const ops = [{ kind: "mkdir", path: path.join(base, "missing/parent/dir") }] as const;
    let local: NodeJS.ErrnoException | undefined;
    try {
      runCommitOps(fs, path, ops, new Uint8Array(0), { prefix: ".t-", n: 0 });
    } catch (error) {
      local = error as NodeJS.ErrnoException;
    }
    expect(local?.code).toBe("ENOENT");
    const worker = await testWorker();
    const remote = await worker.run(ops, new Uint8Array(0)).then(
      () => undefined,
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    expect(remote).toBeInstanceOf(Error);
    expect({
      name: remote?.name,
      message: remote?.message,
      code: remote?.code,
      errno: remote?.errno,
      syscall: remote?.syscall,
      path: remote?.path,
    }).toEqual({
      name: local?.name,
      message: local?.message,
      code: local?.code,
      errno: local?.errno,
      syscall: local?.syscall,
      path: local?.path,
    });
  });

  it("removes a file whose write failed and leaves the rest of the job undone", async () => {
    const base = await tempDir();
    await mkdir(path.join(base, "d"));
    const worker = await testWorker();
    // A body slice past the end of the data: the write throws after the create.
    const ops = [
      { kind: "create", path: path.join(base, "d/a"), offset: 0, length: 64, mode: 0o644 },
      { kind: "mkdir", path: path.join(base, "d/never") },
    ] as const;
    await expect(worker.run(ops, new Uint8Array(8))).rejects.toThrow();
    expect(await readdir(path.join(base, "d"))).toEqual([]);
  });

  it("after close(), takes no jobs: restores commit on the caller's thread", async () => {
    const anchor = await tempDir();
    const worker = new CommitWorker();
    await worker.ready();
    expect(worker.accepts()).toBe(true);
    await worker.close();
    expect(worker.accepts()).toBe(false);
    await expect(worker.run([], new Uint8Array(0))).rejects.toThrow(/stopped/);
    const tar = rawTar([file("packages/a/dist/index.js", "ok\n")]);
    await restoreArtifact(zst(tar), { anchor, worker });
    expect(await readFile(path.join(anchor, "packages/a/dist/index.js"), "utf8")).toBe("ok\n");
    expect(worker.jobsRun).toBe(0);
  });

  it("with startAfterMs, starts its thread only once local commits have cost that much", async () => {
    const anchor = await tempDir();
    const restore = (worker: CommitWorker, i: number) =>
      restoreArtifact(zst(rawTar([file(`p${String(i)}/dist/index.js`, "x\n")])), {
        anchor,
        worker,
      });
    const never = new CommitWorker({ startAfterMs: 60_000 });
    for (let i = 0; i < 5; i++) await restore(never, i);
    expect(never.started).toBe(false);
    expect(never.accepts()).toBe(false);
    await never.close();

    const soon = new CommitWorker({ startAfterMs: 1e-9 });
    expect(soon.started).toBe(false);
    await restore(soon, 10); // committed here, and its cost starts the thread
    expect(soon.started).toBe(true);
    await soon.ready();
    const before = soon.jobsRun;
    await restore(soon, 11);
    expect(soon.jobsRun).toBe(before + 1);
    await soon.close();
    expect(await readFile(path.join(anchor, "p11/dist/index.js"), "utf8")).toBe("x\n");
  });

  it("when threads are refused (permission model), restores still commit on the caller's thread", async () => {
    const anchor = await tempDir();
    const entry = path.join(import.meta.dirname, "../dist/index.js");
    const internal = path.join(import.meta.dirname, "../dist/internal.js");
    const script = [
      `import { CommitWorker } from ${JSON.stringify(entry)};`,
      `import { restoreArtifact } from ${JSON.stringify(internal)};`,
      `import { zstdCompressSync } from "node:zlib";`,
      `const tar = Buffer.from(${JSON.stringify(rawTar([file("a/dist/index.js", "ok\n")]).toString("base64"))}, "base64");`,
      "const worker = new CommitWorker();",
      "const started = worker.started;",
      `await restoreArtifact(zstdCompressSync(tar), { anchor: ${JSON.stringify(anchor)}, worker });`,
      "const refused = await worker.ready().then(() => 'ready', (e) => e.code);",
      "console.log(JSON.stringify({ started, refused, accepts: worker.accepts() }));",
    ].join("\n");
    const out = execFileSync(
      process.execPath,
      [
        "--permission",
        "--allow-fs-read=*",
        `--allow-fs-write=${anchor}`,
        "--input-type=module",
        "-e",
        script,
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(out)).toEqual({
      started: false,
      refused: "ERR_ACCESS_DENIED",
      accepts: false,
    });
    expect(await readFile(path.join(anchor, "a/dist/index.js"), "utf8")).toBe("ok\n");
  });
});
