import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { type ArtifactCache, CacheError } from "@turbine/cache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  removeSampleOutputs,
  SAMPLE_PATHS,
  snapshot,
  writeSampleOutputs,
} from "./sample-outputs.js";

export interface ContractSubject {
  cache: ArtifactCache;
  repoRoot: string;
  /** False when the store cannot return durations (turborepo-remote-cache never sends x-artifact-duration). */
  keepsDuration: boolean;
  /** A second, independent cache over the same store. */
  reopen(): Promise<ArtifactCache>;
  cleanup(): Promise<void>;
}

const HASH = "aaaabbbbccccdddd";
const OTHER = "1111222233334444";

/**
 * The behaviour every cache (local store, remote, both) must share, after wireit's
 * `registerCommonCacheTests`: one suite, one factory per implementation.
 */
export function registerCacheContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`${name} cache contract`, () => {
    let subject: ContractSubject;
    let cache: ArtifactCache;
    let root: string;

    beforeEach(async () => {
      subject = await factory();
      ({ cache, repoRoot: root } = subject);
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const putSample = async (hash = HASH, variant = "v1", durationMs = 1234) => {
      await writeSampleOutputs(root, variant);
      await cache.put(hash, { paths: SAMPLE_PATHS, durationMs });
      await cache.flush();
    };

    it("misses a hash that was never put", async () => {
      expect(await cache.fetch(HASH)).toBeUndefined();
      expect(await cache.exists(HASH)).toBeUndefined();
    });

    it("restores files, exec bits, dirs, empty dirs and symlinks identically", async () => {
      await putSample();
      const before = await snapshot(root, SAMPLE_PATHS);
      await removeSampleOutputs(root);
      const hit = await cache.fetch(HASH);
      expect(hit).toBeDefined();
      expect(await snapshot(root, SAMPLE_PATHS)).toEqual(before);
      expect(before["packages/a/dist/index.js"]).toMatch(/^file 755 /);
      expect(before["packages/a/dist/link.js"]).toBe("link -> index.js");
    });

    it("lists the restored paths in archive order", async () => {
      await putSample();
      await removeSampleOutputs(root);
      expect((await cache.fetch(HASH))?.files).toEqual(SAMPLE_PATHS);
    });

    it("reports the task duration on fetch and exists", async () => {
      await putSample(HASH, "v1", 4321);
      const expected = subject.keepsDuration ? 4321 : 0;
      expect((await cache.exists(HASH))?.durationMs).toBe(expected);
      await removeSampleOutputs(root);
      expect((await cache.fetch(HASH))?.durationMs).toBe(expected);
    });

    it("replaces an entry put twice under one hash", async () => {
      await putSample(HASH, "v1");
      await putSample(HASH, "v2");
      const second = await snapshot(root, SAMPLE_PATHS);
      await removeSampleOutputs(root);
      expect(await cache.fetch(HASH)).toBeDefined();
      expect(await snapshot(root, SAMPLE_PATHS)).toEqual(second);
    });

    it("keeps entries of different hashes apart", async () => {
      await putSample(HASH, "v1");
      const first = await snapshot(root, SAMPLE_PATHS);
      await putSample(OTHER, "v2");
      await removeSampleOutputs(root);
      expect(await cache.fetch(HASH)).toBeDefined();
      expect(await snapshot(root, SAMPLE_PATHS)).toEqual(first);
      expect(await cache.fetch("5555666677778888")).toBeUndefined();
    });

    it("restores over outputs that were changed after the put", async () => {
      await putSample();
      const before = await snapshot(root, SAMPLE_PATHS);
      await writeFile(join(root, "packages/a/dist/sub/data.txt"), "tampered\n");
      await rm(join(root, "packages/a/dist/emptydir"), { recursive: true });
      expect(await cache.fetch(HASH)).toBeDefined();
      expect(await snapshot(root, SAMPLE_PATHS)).toEqual(before);
    });

    it("serves an entry to another cache instance over the same store", async () => {
      await putSample();
      const before = await snapshot(root, SAMPLE_PATHS);
      await removeSampleOutputs(root);
      const other = await subject.reopen();
      try {
        expect(await other.fetch(HASH)).toBeDefined();
        expect(await snapshot(root, SAMPLE_PATHS)).toEqual(before);
      } finally {
        await other.close();
      }
    });

    it("rejects a hash that could name a path outside the store", async () => {
      await expect(cache.fetch("../escape")).rejects.toThrow(CacheError);
      await expect(cache.exists("a/b")).rejects.toMatchObject({ code: "ERR_CACHE_INVALID_HASH" });
    });
  });
}
