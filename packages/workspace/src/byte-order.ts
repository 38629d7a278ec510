/**
 * Byte-order (UTF-8) string comparison, the order Rust's `String` sorts in and turbo hashes in.
 * UTF-16 order agrees except around surrogate pairs, so ASCII-only pairs take the fast path.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** A new array sorted in byte order. */
export function sortBytes(values: Iterable<string>): string[] {
  return [...values].sort(compareBytes);
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}
