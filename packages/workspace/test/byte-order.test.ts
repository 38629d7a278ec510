import { compareBytes, sortBytes } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

// The golden order is Node's own UTF-8 encoding compared byte by byte (Buffer.compare).
const samples = [
  "",
  "a",
  "Z.txt",
  "x-y.txt",
  "x/y.txt",
  "x/y.txt2",
  "é.txt",
  "\u00ff",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uff21",
  "\uffff",
  "\u{10000}",
  "\u{1f600}",
  "\u{1f600}b",
  "\u{10ffff}",
  "a\u{1f600}",
  "a\uffff",
];

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

describe("compareBytes", () => {
  it("agrees with UTF-8 byte order on every pair, surrogate pairs included", () => {
    for (const a of samples) {
      for (const b of samples) {
        expect({ a, b, sign: Math.sign(compareBytes(a, b)) }).toEqual({
          a,
          b,
          sign: byUtf8(a, b),
        });
      }
    }
  });

  it("sorts like UTF-8 bytes, not UTF-16 units", () => {
    expect(sortBytes(samples)).toEqual([...samples].sort(byUtf8));
    expect(["\u{1f600}", "\uff21"].sort()).toEqual(["\u{1f600}", "\uff21"]);
    expect(sortBytes(["\u{1f600}", "\uff21"])).toEqual(["\uff21", "\u{1f600}"]);
  });
});
