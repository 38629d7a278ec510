/**
 * A workspace glob made only of literal segments and whole-segment `*` wildcards (`packages/*`,
 * `apps/web`, `libs/*\/*`): the shapes nearly every repo uses, and the ones a directory listing
 * resolves without a glob library. Each entry is a literal name or `STAR`.
 */
export type SegmentGlob = readonly (string | typeof STAR)[];

/** A whole-segment `*`: any entry name, dotfiles included (turbo walks with `dot`). */
export const STAR: unique symbol = Symbol("*");

// Anything a glob library would treat as syntax, plus backslash escapes.
const SPECIAL = /[*?[\]{}()!+@\\]/;

/**
 * `glob` (repo-relative, slashes trimmed) as segments, or undefined when it uses any other glob
 * syntax (`**`, `?`, classes, braces, extglobs, partial-segment `*`) or `.`/`..`/empty segments:
 * those go to the full glob walk.
 */
export function segmentGlob(glob: string): SegmentGlob | undefined {
  if (glob === "") return undefined;
  const segments: (string | typeof STAR)[] = [];
  for (const segment of glob.split("/")) {
    if (segment === "*") segments.push(STAR);
    else if (segment === "" || segment === "." || segment === ".." || SPECIAL.test(segment))
      return undefined;
    else segments.push(segment);
  }
  return segments;
}
