import { formatBytes, formatDuration } from "@turbine/cache";
import { parseHumanDuration, parseHumanSize } from "@turbine/cache/internal";
import { describe, expect, it } from "vitest";

// The vectors of turborepo's own unit tests (crates/turborepo-cache/src/duration.rs and size.rs
// at 2.11.13). The end-to-end parity test (test/cache-eviction-parity.test.ts) checks the error
// texts and the effect of parsed values against the real binary.
describe("parseHumanDuration: turbo's test vectors", () => {
  it.each([
    ["0", 0],
    ["30s", 30],
    ["5m", 300],
    ["24h", 86_400],
    ["7d", 604_800],
    ["2w", 1_209_600],
    ["7", 604_800],
    ["  7d  ", 604_800],
    ["1s", 1],
  ])("%j is %d seconds", (text, seconds) => {
    expect(parseHumanDuration(text)).toEqual({ ok: true, value: seconds * 1000 });
  });

  it.each([
    ["", "empty duration string"],
    ["7x", `invalid duration "7x": unknown unit 'x', expected s, m, h, d, or w`],
    ["abcd", `invalid duration "abcd": numeric part is not a valid integer`],
    [
      "99999999999999999w",
      `invalid duration "99999999999999999w": value overflows maximum representable duration`,
    ],
    [
      "999999999999999999",
      `invalid duration "999999999999999999": value overflows maximum representable duration`,
    ],
  ])("rejects %j", (text, message) => {
    expect(parseHumanDuration(text)).toEqual({ ok: false, message });
  });
});

describe("parseHumanSize: turbo's test vectors", () => {
  it.each([
    ["0", 0],
    ["1024B", 1024],
    ["500KB", 500 * 1024],
    ["10MB", 10 * 1024 ** 2],
    ["5GB", 5 * 1024 ** 3],
    ["1TB", 1024 ** 4],
    ["4096", 4096],
    ["5gb", 5 * 1024 ** 3],
    ["5Gb", 5 * 1024 ** 3],
    ["  10GB  ", 10 * 1024 ** 3],
    ["1.5GB", Math.trunc(1.5 * 1024 ** 3)],
  ])("%j is %d bytes", (text, bytes) => {
    expect(parseHumanSize(text)).toEqual({ ok: true, value: bytes });
  });

  it.each([
    ["", "empty size string"],
    ["10PB", `invalid size "10PB": unknown unit 'PB', expected B, KB, MB, GB, or TB`],
    ["abcGB", `invalid size "abcGB": numeric part is not a valid number`],
    ["-5GB", `invalid size "-5GB": numeric part is not a valid number`],
    ["NaNGB", `invalid size "NaNGB": numeric part is not a valid number`],
    ["InfinityGB", `invalid size "InfinityGB": numeric part is not a valid number`],
    [
      "99999999999999999TB",
      `invalid size "99999999999999999TB": value overflows maximum representable size`,
    ],
  ])("rejects %j", (text, message) => {
    expect(parseHumanSize(text)).toEqual({ ok: false, message });
  });
});

describe("display in the same units", () => {
  it.each([
    [512, "512B"],
    [1536, "1.5KB"],
    [20 * 1024 ** 3, "20.0GB"],
  ])("%d bytes read %s, which parses back", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
    const back = parseHumanSize(text);
    expect(back.ok && back.value).toBe(bytes);
  });

  it.each([
    [30 * 86_400_000, "30d"],
    [14 * 86_400_000, "2w"],
    [150_000, "150s"],
    [(3 * 86_400 + 4 * 3600 + 5) * 1000, "3d 4h"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
