import { compareBytes } from "@turbine/workspace";

/**
 * UTF-8 byte order (Rust `String` and git index order), under the names the hasher has always
 * exported: `@turbine/workspace`'s comparator, not a copy of it.
 */
export { compareBytes as compareUtf8, sortBytes as sortedUtf8 } from "@turbine/workspace";

/** Map entries sorted by key in UTF-8 byte order. */
export function sortedEntries(
  map: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): [string, string][] {
  const entries: [string, string][] =
    map instanceof Map
      ? [...(map as ReadonlyMap<string, string>)]
      : Object.entries(map as Readonly<Record<string, string>>);
  return entries.sort((x, y) => compareBytes(x[0], y[0]));
}
