import { parseJsonc, readTrailingCommaJson } from "@turbine/workspace/internal";
import { parse, type ParseError } from "jsonc-parser";
import { describe, expect, it } from "vitest";

import { readRealLockfile } from "./real-repos.js";

// The JSON fast path of bun.lock against the reference parse (jsonc-parser, trailing commas
// allowed), on the lockfile bun wrote for the benchmark's real-shaped repo and on variants.
function reference(text: string): { value: unknown; errors: number } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  return { value, errors: errors.length };
}

function ours(text: string): { value: unknown; errors: number } {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors);
  return { value, errors: errors.length };
}

const VARIANTS: readonly [string, (text: string) => string, boolean][] = [
  ["as bun wrote it", (t) => t, true],
  ["CRLF line endings", (t) => t.replaceAll("\n", "\r\n"), true],
  [
    "commas and brackets inside strings",
    (t) => t.replace("{\n", '{\n  "odd": ["a,]", "b,}", "c\\",]", "d\\\\",],\n'),
    true,
  ],
  ["escapes", (t) => t.replace("{\n", '{\n  "esc": "\\u00e9\\n\\t\\/",\n'), true],
  ["a duplicate key", (t) => t.replace("{\n", '{\n  "lockfileVersion": 0,\n'), true],
  ["a line comment", (t) => t.replace("{\n", "{\n  // note\n"), false],
  ["a block comment", (t) => t.replace("{\n", '{\n  /* "quoted", */\n'), false],
  ["a byte-order mark", (t) => `\uFEFF${t}`, false],
  ["a __proto__ key", (t) => t.replace("{\n", '{\n  "__proto__": { "x": 1 },\n'), false],
  ["a truncated text", (t) => t.slice(0, t.length / 2), false],
  ["no text", () => "", false],
];

describe("bun.lock through the JSON fast path", () => {
  it.each(VARIANTS)("%s parses as jsonc-parser does", async (_what, change, taken) => {
    const text = change(await readRealLockfile("bun"));
    const fast = readTrailingCommaJson(text);
    expect(fast !== undefined).toBe(taken);
    const expected = reference(text);
    if (fast !== undefined) expect(fast.value).toEqual(expected.value);
    const actual = ours(text);
    expect(actual.errors > 0).toBe(expected.errors > 0);
    expect(actual.value).toEqual(expected.value);
  });
});
