/**
 * A task's `inputs` as turbo reads them (§1.5): `$TURBO_DEFAULT$` switches the default (git) set
 * back on, `$TURBO_ROOT$` is the path from the package to the repo root, `!` entries exclude,
 * leading `/` is trimmed.
 */
export interface TaskInputSpec {
  /** Package-relative globs (with `!` exclusions), `$TURBO_DEFAULT$` removed. */
  readonly globs: readonly string[];
  /** True when `$TURBO_DEFAULT$` is present (or there are no inputs at all). */
  readonly includeDefault: boolean;
}

export const TURBO_DEFAULT = "$TURBO_DEFAULT$";
export const TURBO_ROOT = "$TURBO_ROOT$";

/** Files every non-default input set includes, relative to the package. */
export const ALWAYS_INPUTS: readonly string[] = ["package.json", "turbo.json", "turbo.jsonc"];

/** Parses `inputs` for the package in `packageDir` ("" = root). */
export function parseTaskInputs(inputs: readonly string[], packageDir: string): TaskInputSpec {
  if (inputs.length === 0) return { globs: [], includeDefault: true };
  const toRoot =
    packageDir === ""
      ? ""
      : packageDir
          .split("/")
          .map(() => "..")
          .join("/");
  const globs: string[] = [];
  let includeDefault = false;
  for (const input of inputs) {
    if (input === TURBO_DEFAULT) {
      includeDefault = true;
      continue;
    }
    globs.push(input.split(TURBO_ROOT).join(toRoot));
  }
  return { globs, includeDefault };
}

/** Removes `.` segments and folds `..` segments; undefined if it climbs above the start. */
export function collapsePath(path: string): string | undefined {
  const stack: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return undefined;
      stack.pop();
    } else {
      stack.push(segment);
    }
  }
  return stack.join("/");
}

/** Joins a package-relative glob onto the package dir (turbo-root-relative), trimming `/`. */
export function rootRelativeGlob(packageDir: string, glob: string): string | undefined {
  const trimmed = glob.replace(/^\/+/, "");
  return collapsePath(packageDir === "" ? trimmed : `${packageDir}/${trimmed}`);
}

/**
 * An exclusion matches the path itself and everything under it (turbo's globwalk adds `/**`):
 * `x` → [`x`, `x/**`], `x/` → [`x/**`], `x/**` stays.
 */
export function expandExclusion(glob: string): string[] {
  if (glob.endsWith("/")) return [glob.endsWith("**/") ? glob.slice(0, -1) : `${glob}**`];
  if (glob.endsWith("/**")) return [glob];
  return [glob, `${glob}/**`];
}

/** The package-relative key of a turbo-root-relative file (`../../x` for files outside). */
export function packageKey(packageDir: string, path: string): string {
  if (packageDir === "") return path;
  if (path.startsWith(`${packageDir}/`)) return path.slice(packageDir.length + 1);
  const from = packageDir.split("/");
  const to = path.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}
