import { type ScannedEntry } from "@turbine/cache";
import { planEviction, type PlanLimits } from "@turbine/cache/internal";
import { describe, expect, it } from "vitest";

const NOW = 1_800_000_000_000;
const MIN = 60_000;

/** An entry last used `ageMs` before NOW. */
const entry = (hash: string, bytes: number, ageMs: number): ScannedEntry => ({
  hash,
  bytes,
  mtimeNs: BigInt(NOW - ageMs) * 1_000_000n,
});

const limits = (over: Partial<PlanLimits>): PlanLimits => ({
  nowMs: NOW,
  maxAgeMs: 0,
  maxBytes: 0,
  guardNs: BigInt(NOW - MIN) * 1_000_000n,
  exempt: new Set(),
  ...over,
});

const victims = (entries: ScannedEntry[], over: Partial<PlanLimits>): string[] =>
  planEviction(entries, limits(over)).victims.map((v) => `${v.entry.hash}:${v.reason}`);

describe("planEviction", () => {
  it("removes every entry older than the max age, in directory order", () => {
    const entries = [entry("a", 1, 30 * MIN), entry("b", 1, 90 * MIN), entry("c", 1, 61 * MIN)];
    expect(victims(entries, { maxAgeMs: 60 * MIN })).toEqual(["b:age", "c:age"]);
  });

  it("removes the least recently used until the rest fit, stopping at exactly the limit", () => {
    const entries = [
      entry("new", 100, 2 * MIN),
      entry("old", 100, 9 * MIN),
      entry("mid", 100, 5 * MIN),
    ];
    expect(victims(entries, { maxBytes: 200 })).toEqual(["old:size"]);
    expect(victims(entries, { maxBytes: 199 })).toEqual(["old:size", "mid:size"]);
    expect(victims(entries, { maxBytes: 300 })).toEqual([]);
  });

  it("keeps directory order between entries of the same mtime", () => {
    const entries = [entry("z", 10, 5 * MIN), entry("a", 10, 5 * MIN), entry("m", 10, 5 * MIN)];
    expect(victims(entries, { maxBytes: 10 })).toEqual(["z:size", "a:size"]);
  });

  it("applies the size limit to what the age limit left", () => {
    const entries = [
      entry("a", 100, 50 * MIN),
      entry("b", 100, 20 * MIN),
      entry("c", 100, 10 * MIN),
    ];
    expect(victims(entries, { maxAgeMs: 30 * MIN, maxBytes: 100 })).toEqual(["a:age", "b:size"]);
  });

  it("never chooses an entry used since the guard, and counts it as spared", () => {
    const entries = [entry("fresh", 100, 0), entry("old", 100, 9 * MIN)];
    const plan = planEviction(entries, limits({ maxBytes: 1 }));
    expect(plan.victims.map((v) => v.entry.hash)).toEqual(["old"]);
    expect(plan.spared).toBe(1);
  });

  it("skips an exempt entry and goes on with the next oldest", () => {
    const entries = [
      entry("hit", 100, 9 * MIN),
      entry("b", 100, 8 * MIN),
      entry("c", 100, 7 * MIN),
    ];
    const exempt = new Set(["hit"]);
    expect(victims(entries, { maxBytes: 150, exempt })).toEqual(["b:size", "c:size"]);
    expect(victims(entries, { maxAgeMs: 5 * MIN, exempt })).toEqual(["b:age", "c:age"]);
  });
});
