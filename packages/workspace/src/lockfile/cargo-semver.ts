/**
 * Version matching with the semantics of Rust's `semver` crate (Cargo's rules), which turbo uses
 * to check bun.lock candidates against a range. They differ from npm's: a bare `1.2.3` means
 * `^1.2.3`, comparators are separated by commas, and `||`, hyphen ranges or space-separated
 * comparators do not parse at all. `undefined` means the version or the range does not parse
 * (turbo then accepts the candidate).
 */
export function cargoSatisfies(version: string, range: string): boolean | undefined {
  const ver = parseVersion(version);
  const req = parseRange(range);
  if (ver === undefined || req === undefined) return undefined;
  if (!req.every((cmp) => matches(cmp, ver))) return false;
  if (ver.pre.length === 0) return true;
  // A pre-release only matches a comparator naming the same major.minor.patch with a pre-release.
  return req.some(
    (c) =>
      c.major === ver.major && c.minor === ver.minor && c.patch === ver.patch && c.pre.length > 0,
  );
}

type Op = "=" | ">" | ">=" | "<" | "<=" | "~" | "^" | "*";

interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: readonly string[];
}

interface Comparator {
  readonly op: Op;
  readonly major: number;
  readonly minor: number | undefined;
  readonly patch: number | undefined;
  readonly pre: readonly string[];
}

const NUMBER = "(0|[1-9]\\d*)";
const IDENT = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
const VERSION = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}))?(?:\\+${IDENT})?$`);
const PART = `(${NUMBER.slice(1, -1)}|[*xX])`;
const COMPARATOR = new RegExp(
  `^(=|>=|>|<=|<|~|\\^)?\\s*${PART}(?:\\.${PART}(?:\\.${PART}(?:-(${IDENT}))?)?)?$`,
);

function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: splitPre(m[4]) };
}

/** Comma-separated comparators; `*` alone (or empty) is the match-everything range. */
function parseRange(text: string): Comparator[] | undefined {
  const trimmed = text.trim();
  if (trimmed === "*" || trimmed === "x" || trimmed === "X") return [];
  const out: Comparator[] = [];
  for (const part of trimmed.split(",")) {
    const cmp = parseComparator(part.trim());
    if (cmp === undefined) return undefined;
    out.push(cmp);
  }
  return out;
}

function parseComparator(text: string): Comparator | undefined {
  const m = COMPARATOR.exec(text);
  if (m === null) return undefined;
  const [, op, majorText, minorText, patchText, pre] = m;
  const wild = (part: string | undefined): boolean => part !== undefined && /^[*xX]$/.test(part);
  if (wild(majorText)) return undefined;
  // A wildcard part ends the version: `1.*.3` does not parse.
  if (wild(minorText) && patchText !== undefined && !wild(patchText)) return undefined;
  const minor = minorText === undefined || wild(minorText) ? undefined : Number(minorText);
  const patch = patchText === undefined || wild(patchText) ? undefined : Number(patchText);
  if (pre !== undefined && patch === undefined) return undefined;
  const wildcard = wild(minorText) || wild(patchText);
  return {
    op: (op as Op | undefined) ?? (wildcard ? "*" : "^"),
    major: Number(majorText),
    minor,
    patch,
    pre: splitPre(pre),
  };
}

function splitPre(pre: string | undefined): string[] {
  return pre === undefined ? [] : pre.split(".");
}

function matches(cmp: Comparator, ver: Version): boolean {
  switch (cmp.op) {
    case "=":
      return exact(cmp, ver);
    case ">":
      return greater(cmp, ver);
    case ">=":
      return exact(cmp, ver) || greater(cmp, ver);
    case "<":
      return less(cmp, ver);
    case "<=":
      return exact(cmp, ver) || less(cmp, ver);
    case "~":
      return tilde(cmp, ver);
    case "^":
      return caret(cmp, ver);
    case "*":
      return (
        ver.major === cmp.major &&
        (cmp.minor === undefined || ver.minor === cmp.minor) &&
        (cmp.patch === undefined || ver.patch === cmp.patch)
      );
  }
}

function exact(cmp: Comparator, ver: Version): boolean {
  return (
    ver.major === cmp.major &&
    (cmp.minor === undefined || ver.minor === cmp.minor) &&
    (cmp.patch === undefined || ver.patch === cmp.patch) &&
    comparePre(ver.pre, cmp.pre) === 0
  );
}

function greater(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major > cmp.major;
  if (cmp.minor === undefined) return false;
  if (ver.minor !== cmp.minor) return ver.minor > cmp.minor;
  if (cmp.patch === undefined) return false;
  if (ver.patch !== cmp.patch) return ver.patch > cmp.patch;
  return comparePre(ver.pre, cmp.pre) > 0;
}

function less(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major < cmp.major;
  if (cmp.minor === undefined) return false;
  if (ver.minor !== cmp.minor) return ver.minor < cmp.minor;
  if (cmp.patch === undefined) return false;
  if (ver.patch !== cmp.patch) return ver.patch < cmp.patch;
  return comparePre(ver.pre, cmp.pre) < 0;
}

function tilde(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false;
  if (cmp.minor !== undefined && ver.minor !== cmp.minor) return false;
  if (cmp.patch !== undefined && ver.patch !== cmp.patch) return ver.patch > cmp.patch;
  return comparePre(ver.pre, cmp.pre) >= 0;
}

function caret(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false;
  if (cmp.minor === undefined) return true;
  if (cmp.patch === undefined) {
    return cmp.major > 0 ? ver.minor >= cmp.minor : ver.minor === cmp.minor;
  }
  if (cmp.major > 0) {
    if (ver.minor !== cmp.minor) return ver.minor > cmp.minor;
    if (ver.patch !== cmp.patch) return ver.patch > cmp.patch;
  } else if (cmp.minor > 0) {
    if (ver.minor !== cmp.minor) return false;
    if (ver.patch !== cmp.patch) return ver.patch > cmp.patch;
  } else if (ver.minor !== cmp.minor || ver.patch !== cmp.patch) {
    return false;
  }
  return comparePre(ver.pre, cmp.pre) >= 0;
}

/** Pre-release order: none sorts above any; numeric identifiers below alphanumeric ones. */
function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return x.length - y.length || (x < y ? -1 : 1);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
