/**
 * String ordering by UTF-8 bytes, the order of Rust's `String` and of git's index.
 *
 * JavaScript compares UTF-16 code units; that agrees with UTF-8 byte order except when a surrogate
 * (U+D800-U+DFFF, i.e. a code point above U+FFFF) meets a unit in U+E000-U+FFFF. Only at the first
 * differing unit do we remap so that surrogates sort above the rest of the BMP.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) return fixup(x) - fixup(y);
      return x - y;
    }
  }
  return a.length - b.length;
}

function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** A new array of `items` sorted by UTF-8 bytes. */
export function sortedUtf8(items: Iterable<string>): string[] {
  return [...items].sort(compareUtf8);
}

/** Map entries sorted by key in UTF-8 byte order. */
export function sortedEntries(
  map: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): [string, string][] {
  const entries: [string, string][] =
    map instanceof Map
      ? [...(map as ReadonlyMap<string, string>)]
      : Object.entries(map as Readonly<Record<string, string>>);
  return entries.sort((x, y) => compareUtf8(x[0], y[0]));
}
