import { formatCacheConfig, parseCacheConfig } from "@turbine/cache/internal";
import { describe, expect, it } from "vitest";

const on = { read: true, write: true };
const off = { read: false, write: false };
const r = { read: true, write: false };
const w = { read: false, write: true };

describe("parseCacheConfig (turbo config.rs test table)", () => {
  const valid: [string, { local: typeof on; remote: typeof on }][] = [
    ["local:r,remote:w", { local: r, remote: w }],
    ["local:r", { local: r, remote: off }],
    ["local:", { local: off, remote: off }],
    ["local:,remote:", { local: off, remote: off }],
    ["local:,remote:r", { local: off, remote: r }],
    ["", { local: off, remote: off }],
    ["remote:wr", { local: off, remote: on }],
    ["local:rw,remote:rw", { local: on, remote: on }],
  ];
  for (const [text, expected] of valid) {
    it(`parses ${JSON.stringify(text)}`, () => {
      const result = parseCacheConfig(text);
      expect(result.ok && result.value).toEqual(expected);
    });
  }

  const invalid: [string, string][] = [
    ["local:r,local:w", "Keys cannot be duplicated. Found `local` multiple times."],
    ["local:rr", "Actions cannot be duplicated. Found `r (read)` multiple times."],
    ["remote:ww", "Actions cannot be duplicated. Found `w (write)` multiple times."],
    [
      "remote:r,local=rx",
      "Invalid cache type and action pair. Found `local=rx`, but expected colon separated pair.",
    ],
    [
      "local:r,",
      "Invalid cache type and action pair. Found ``, but expected colon separated pair.",
    ],
    ["local:rx", "Invalid cache action: `x`"],
    ["file:r", "Invalid cache type `file`. Expected `local` or `remote`"],
  ];
  for (const [text, message] of invalid) {
    it(`rejects ${JSON.stringify(text)} with turbo's message`, () => {
      const result = parseCacheConfig(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toBe(message);
        expect(result.error.code).toBe("ERR_CACHE_CONFIG_INVALID");
      }
    });
  }

  it("formats a config back to the grammar", () => {
    expect(formatCacheConfig({ local: on, remote: r })).toBe("local:rw,remote:r");
    expect(formatCacheConfig({ local: off, remote: w })).toBe("remote:w");
  });
});
