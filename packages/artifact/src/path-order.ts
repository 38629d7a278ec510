/**
 * Rust `Path` ordering of normalised relative paths: component by component, each component
 * bytewise in UTF-8, and a path that is a prefix of another (by components) first. So `x/y`
 * sorts before `x-y` (component `x` < `x-y`), whereas a plain string sort puts `x-y` first.
 *
 * Implemented without splitting or encoding: comparing the strings with `/` as the smallest
 * character is the same as comparing component lists (no empty components in normalised
 * paths), and UTF-16 order equals UTF-8 byte order except between a surrogate (a code point
 * above U+FFFF) and a unit at or above U+E000, which is corrected for.
 */
export function comparePathOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca === SLASH) return -1;
    if (cb === SLASH) return 1;
    return utf8Order(ca, cb);
  }
  return a.length - b.length;
}

/** Returns a new array, sorted in Rust `Path` order, with exact duplicates removed. */
export function sortPaths(paths: readonly string[]): string[] {
  const sorted = [...paths].sort(comparePathOrder);
  return sorted.filter((p, i) => i === 0 || sorted[i - 1] !== p);
}

const SLASH = 0x2f;

function utf8Order(ca: number, cb: number): number {
  const sa = ca >= 0xd800 && ca <= 0xdfff;
  const sb = cb >= 0xd800 && cb <= 0xdfff;
  if (sa !== sb && (sa ? cb : ca) >= 0xe000) return sa ? 1 : -1;
  return ca - cb;
}
