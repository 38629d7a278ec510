import { stat } from "node:fs/promises";
import { join, posix } from "node:path";

import { compareBytes } from "@turbine/workspace";
import type FastGlob from "fast-glob";

import { RunnerError } from "./errors.js";

/** A task's `outputs` split the way turbo hashes them: positive globs and `!` globs (bang removed). */
export interface OutputGlobs {
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
}

/** Splits turbo.json `outputs` into inclusions and exclusions, both byte-sorted. */
export function splitOutputs(outputs: readonly string[]): OutputGlobs {
  const inclusions: string[] = [];
  const exclusions: string[] = [];
  for (const glob of outputs) {
    if (glob.startsWith("!")) exclusions.push(glob.slice(1));
    else inclusions.push(glob);
  }
  return { inclusions: inclusions.sort(compareBytes), exclusions: exclusions.sort(compareBytes) };
}

/**
 * The repo-relative paths a task's outputs match, as turbo archives them: files, symlinks (never
 * followed) and directories as explicit entries (`dist/**` includes `dist` itself). Globs are
 * relative to the package directory; `$TURBO_ROOT$/` makes one relative to the repo root.
 * The result is deduplicated, in no particular order (the cache sorts). An inclusion that leaves
 * the repo (`../../x/**`) is an error (`ERR_RUNNER_OUTPUT_OUTSIDE_REPO`): nothing outside the
 * repo is ever cached. The glob libraries are
 * loaded on first use: fully cached runs never save outputs and skip their start-up cost.
 */
export async function globOutputs(
  repoRoot: string,
  packageDir: string,
  globs: OutputGlobs,
): Promise<string[]> {
  if (globs.inclusions.length === 0) return [];
  const toRepo = (glob: string): string =>
    glob.startsWith("$TURBO_ROOT$/")
      ? glob.slice("$TURBO_ROOT$/".length)
      : posix.join(packageDir, glob);
  const include = globs.inclusions.map(toRepo);
  const outside = include.findIndex((glob) => glob === ".." || glob.startsWith("../"));
  if (outside !== -1) {
    throw new RunnerError(
      "ERR_RUNNER_OUTPUT_OUTSIDE_REPO",
      `Task output resolves outside of repository root: ${globs.inclusions[outside] ?? ""}`,
    );
  }
  const ignore = globs.exclusions.map(toRepo);
  const [{ default: fg }, { default: picomatch }] = await Promise.all([
    import("fast-glob"),
    import("picomatch"),
  ]);
  const found = await fg(include, {
    cwd: repoRoot,
    ignore,
    onlyFiles: false,
    dot: true,
    followSymbolicLinks: false,
    unique: true,
  });
  const result = new Set(found);
  const isIgnored = ignore.length === 0 ? () => false : picomatch(ignore, { dot: true });
  for (const glob of include) {
    const base = globstarBase(fg, glob);
    if (base === undefined || result.has(base) || isIgnored(base)) continue;
    const info = await stat(join(repoRoot, base)).catch(() => undefined);
    if (info?.isDirectory() === true) result.add(base);
  }
  return [...result];
}

/** `dist/**` → `dist`: the directory a trailing globstar also matches (zero segments). */
function globstarBase(fg: typeof FastGlob, glob: string): string | undefined {
  if (!glob.endsWith("/**")) return undefined;
  const base = glob.slice(0, -3);
  return fg.isDynamicPattern(base) || base === "" ? undefined : base;
}
