/**
 * String ordering by UTF-8 bytes: the order Rust's `String` sorts in, turbo hashes in and git's
 * index lists paths in. The one comparator of Turbine (the hasher's `compareUtf8` is this one).
 *
 * JavaScript compares UTF-16 code units; that agrees with UTF-8 byte order except when a surrogate
 * (U+D800-U+DFFF, i.e. a code point above U+FFFF) meets a unit in U+E000-U+FFFF. Only at the first
 * differing unit do we remap so that surrogates sort above the rest of the BMP: no allocation, one
 * pass to the first difference.
 */
export function compareBytes(a: string, b: string): number {
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

/** A new array sorted in byte order. */
export function sortBytes(values: Iterable<string>): string[] {
  return [...values].sort(compareBytes);
}
