import { describe, expect, it } from "vitest";

import { freeNames } from "../../artifact/test/helpers/free-names.js";
import { scanCacheDir } from "../src/eviction/cache-scan.js";

describe("the eviction scan worker", () => {
  it("runs a program that names nothing outside scanCacheDir's own text", async () => {
    // The worker evaluates scanCacheDir.toString() as built (what the CLI bundle takes in), with
    // `fs` and `path` passed in and Node's globals (`performance`) around it: an import or outer
    // constant used inside it would fail only on that thread, and the run would quietly scan on
    // its own thread instead.
    const built = (await import("../dist/eviction/cache-scan.js")) as {
      scanCacheDir: () => unknown;
    };
    for (const source of [built.scanCacheDir.toString(), scanCacheDir.toString()]) {
      expect(freeNames(source).filter((name) => !(name in globalThis))).toEqual([]);
    }
  });
});
