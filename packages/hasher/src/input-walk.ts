import { stat } from "node:fs/promises";
import { join } from "node:path";

import { GlobMatchers } from "./glob-matchers.js";
import { expandExclusion, rootRelativeGlob } from "./inputs.js";

/** The options fast-glob compiles its `ignore` patterns with (micromatch options, `dot` on). */
const IGNORE_OPTIONS = { dot: true, posix: true, strictSlashes: false } as const;

/**
 * Walks the filesystem under `root` for files matching `globs` (package-relative, `!` entries
 * exclude) of the package in `packageDir`, like turbo's globwalk: `.gitignore` is NOT consulted,
 * dotfiles match, a literal directory means everything under it. Returns turbo-root-relative
 * paths.
 *
 * Literal files (`package.json`, `.env.production`) are a `stat` each, checked against the
 * exclusions the way fast-glob checks its static patterns; only patterns with glob syntax and
 * literal directories are walked by fast-glob. `matchers` shares compiled exclusions across the
 * packages of a run: package-relative ones are the same list for every package.
 */
export async function walkGlobs(
  root: string,
  packageDir: string,
  globs: readonly string[],
  matchers: GlobMatchers = new GlobMatchers(),
): Promise<string[]> {
  // fast-glob is loaded on first use: runs without `inputs` or `globalDependencies` never need it.
  const { default: fg } = await import("fast-glob");
  const base = packageDir === "" ? "" : fg.escapePath(packageDir);
  const include: string[] = [];
  const literals: string[] = [];
  const exclude: string[] = [];
  // The same exclusions relative to the package, while each one stays inside it.
  let relative: string[] | undefined = [];
  for (const glob of globs) {
    const negated = glob.startsWith("!");
    const body = negated ? glob.slice(1) : glob;
    const joined = rootRelativeGlob(base, body);
    if (joined === undefined || joined === "") continue;
    if (negated) {
      exclude.push(...expandExclusion(joined));
      const inside = rootRelativeGlob("", body);
      const simple = inside !== undefined && inside !== "" && !inside.startsWith("!");
      if (simple && prefixed(base, inside) === joined) relative?.push(...expandExclusion(inside));
      else relative = undefined;
    } else if (fg.isDynamicPattern(joined)) {
      include.push(joined);
    } else if (base !== packageDir || joined.includes("\\")) {
      // Escaped characters: fast-glob reads the literal, as it always has.
      include.push(await directoryLiteral(root, joined));
    } else {
      literals.push(joined);
    }
  }
  const files: string[] = [];
  for (const literal of literals) {
    const stats = await stat(join(root, literal)).catch(() => undefined);
    if (stats?.isDirectory() === true) include.push(`${literal}/**`);
    else if (stats?.isFile() === true) files.push(literal);
  }
  const kept = await withoutExcluded(files, base, exclude, relative, matchers);
  if (include.length === 0) return kept;
  const walked = await fg(include, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    ignore: exclude,
    unique: true,
  });
  return kept.length === 0 ? walked : [...new Set([...kept, ...walked])];
}

async function withoutExcluded(
  files: readonly string[],
  base: string,
  exclude: readonly string[],
  relative: readonly string[] | undefined,
  matchers: GlobMatchers,
): Promise<string[]> {
  if (files.length === 0 || exclude.length === 0) return [...files];
  if (relative !== undefined && files.every((f) => base === "" || f.startsWith(`${base}/`))) {
    const excluded = await matchers.get(relative, IGNORE_OPTIONS);
    const cut = base === "" ? 0 : base.length + 1;
    return files.filter((f) => !excluded(f.slice(cut)));
  }
  const excluded = await matchers.get(exclude, IGNORE_OPTIONS);
  return files.filter((f) => !excluded(f));
}

/** A literal path to a directory means everything under it. */
async function directoryLiteral(root: string, glob: string): Promise<string> {
  try {
    return (await stat(join(root, glob))).isDirectory() ? `${glob}/**` : glob;
  } catch {
    return glob;
  }
}

function prefixed(base: string, path: string): string {
  return base === "" ? path : `${base}/${path}`;
}
