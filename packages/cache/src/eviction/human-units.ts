/**
 * turbo 2.11.13's grammars for `cacheMaxAge` / `TURBO_CACHE_MAX_AGE` ("7d") and `cacheMaxSize` /
 * `TURBO_CACHE_MAX_SIZE` ("10GB"), with its error texts, and the same units for display. Pure.
 */

/** A parsed limit, or turbo's error text (printed after `Invalid cacheMaxAge: `). */
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const U64_MAX = 2n ** 64n - 1n;
const SECONDS: Readonly<Record<string, bigint>> = {
  s: 1n,
  m: 60n,
  h: 3600n,
  d: 86400n,
  w: 604800n,
};
const MULTIPLIERS: Readonly<Record<string, bigint>> = {
  "": 1n,
  B: 1n,
  KB: 1024n,
  MB: 1024n ** 2n,
  GB: 1024n ** 3n,
  TB: 1024n ** 4n,
};

/** Rust's `str::trim`: Unicode White_Space (no U+FEFF, unlike JavaScript's `trim`). */
function rustTrim(text: string): string {
  const ws =
    "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  return text.replace(new RegExp(`^${ws}+|${ws}+$`, "gu"), "");
}

/** The last Unicode scalar value (Rust's `char`), one or two UTF-16 units. */
function lastCodePoint(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return text.slice(code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? -2 : -1);
}

/** Rust's `u64::from_str`: an optional `+`, ASCII digits, at most 2^64-1. */
function parseU64(text: string): bigint | undefined {
  if (!/^\+?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n > U64_MAX ? undefined : n;
}

/**
 * A duration in milliseconds (0 = off): `"0"`, `<n>s|m|h|d|w`, or a bare `<n>` meaning days.
 * Whole numbers only, lowercase units, surrounding whitespace ignored.
 */
export function parseHumanDuration(input: string): Parsed {
  const text = rustTrim(input);
  if (text === "") return { ok: false, message: "empty duration string" };
  if (text === "0") return { ok: true, value: 0 };
  const bad = (why: string): Parsed => ({
    ok: false,
    message: `invalid duration "${text}": ${why}`,
  });
  const last = lastCodePoint(text);
  const bare = last >= "0" && last <= "9";
  const n = parseU64(bare ? text : text.slice(0, text.length - last.length));
  if (n === undefined) return bad("numeric part is not a valid integer");
  const unit = bare ? 86400n : SECONDS[last];
  if (unit === undefined) return bad(`unknown unit '${last}', expected s, m, h, d, or w`);
  const seconds = n * unit;
  if (seconds > U64_MAX) return bad("value overflows maximum representable duration");
  return { ok: true, value: Number(seconds) * 1000 };
}

/**
 * A size in bytes (0 = off): a number, optionally fractional, then `B`, `KB`, `MB`, `GB` or `TB`
 * in any case (1024-based); a bare number is bytes. A fraction is truncated to whole bytes.
 */
export function parseHumanSize(input: string): Parsed {
  const text = rustTrim(input);
  if (text === "") return { ok: false, message: "empty size string" };
  const upper = text.replace(/[a-z]+/g, (s) => s.toUpperCase());
  if (upper === "0") return { ok: true, value: 0 };
  const bad = (why: string): Parsed => ({ ok: false, message: `invalid size "${text}": ${why}` });
  const unitStart = upper.search(/[A-Z]/);
  const num = unitStart === -1 ? upper : upper.slice(0, unitStart);
  const unit = unitStart === -1 ? "" : upper.slice(unitStart);
  if (num === "") return bad("numeric part is not a valid number");
  const multiplier = MULTIPLIERS[unit];
  if (multiplier === undefined) {
    return bad(`unknown unit '${unit}', expected B, KB, MB, GB, or TB`);
  }
  if (num.includes(".")) {
    // Rust's f64 grammar without exponents (an `e` would have started the unit).
    const n = /^[+-]?([0-9]+\.[0-9]*|[0-9]*\.[0-9]+)$/.test(num) ? Number(num) : Number.NaN;
    if (!Number.isFinite(n) || n < 0) return bad("numeric part is not a valid number");
    const bytes = n * Number(multiplier);
    if (bytes > 2 ** 64) return bad("value overflows maximum representable size");
    return { ok: true, value: Math.trunc(bytes) };
  }
  const n = parseU64(num);
  if (n === undefined) return bad("numeric part is not a valid number");
  const bytes = n * multiplier;
  if (bytes > U64_MAX) return bad("value overflows maximum representable size");
  return { ok: true, value: Number(bytes) };
}

/**
 * Bytes in the units `cacheMaxSize` accepts (1024-based, so a printed figure can be pasted into
 * turbo.json): `512B`, `1.5KB`, `20.0GB`.
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return i === 0 ? `${String(bytes)}B` : `${value.toFixed(1)}${units[i] as string}`;
}

/**
 * A duration in `cacheMaxAge`'s units: exact in the largest unit that divides it (`30d`, `2w`,
 * `90m`), seconds under an hour (`150s`), else its two largest parts (`3d 4h`).
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const units: [string, number][] = [
    ["w", 604800],
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
  ];
  for (const [unit, size] of units) {
    if (seconds >= size && seconds % size === 0) return `${String(seconds / size)}${unit}`;
  }
  if (seconds < 3600) return `${String(seconds)}s`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units.slice(1)) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${String(Math.floor(rest / size))}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}
