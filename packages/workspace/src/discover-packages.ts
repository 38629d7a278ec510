import { readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

import picomatch from "picomatch";

import { compareBytes } from "./byte-order.js";
import { parsePackageJson } from "./package-json.js";
import { type SegmentGlob, segmentGlob, STAR } from "./segment-glob.js";
import type { PackageJson } from "./types.js";
import type { WorkspaceGlobs } from "./workspace-globs.js";

/** A package.json found by the workspace globs: repo-relative unix dir plus parsed content. */
export interface DiscoveredPackageJson {
  readonly dir: string;
  readonly packageJson: PackageJson;
}

/**
 * Finds `<glob>/package.json` for every inclusion, minus exclusions, and parses each file.
 * I/O edge. Results are sorted by directory in byte order; the root package.json is skipped.
 * Globs of literal segments and whole-segment `*` (the common `packages/*`) are resolved with
 * directory listings; any other syntax goes through fast-glob, loaded only then. The package.json
 * files are read synchronously: hundreds of small reads cost several times more as promise round
 * trips through libuv's thread pool, and nothing else waits on this thread meanwhile (the git
 * scan runs in its own processes).
 */
export async function discoverPackageJsons(
  root: string,
  globs: WorkspaceGlobs,
): Promise<DiscoveredPackageJson[]> {
  const patterns = globs.inclusions.map((glob) => `${trimSlashes(glob)}/package.json`);
  // An exclusion names a directory or a file pattern; excluding the directory excludes its tree.
  const ignore = globs.exclusions.flatMap((glob) => [glob, `${trimSlashes(glob)}/**`]);
  const simple = globs.inclusions.map((glob) => segmentGlob(trimSlashes(glob)));
  const found = simple.every((s) => s !== undefined)
    ? await listBySegments(root, simple, ignore)
    : await listByGlob(root, patterns, ignore);
  const byDir = new Map<string, string>();
  for (const { dir, text } of found) if (dir !== "." && !byDir.has(dir)) byDir.set(dir, text);
  return [...byDir.keys()].sort(compareBytes).map((dir) => ({
    dir,
    packageJson: parsePackageJson(byDir.get(dir) as string, `${dir}/package.json`),
  }));
}

interface FoundFile {
  readonly dir: string;
  readonly text: string;
}

async function listByGlob(
  root: string,
  patterns: string[],
  ignore: string[],
): Promise<FoundFile[]> {
  const { default: fg } = await import("fast-glob");
  const files = await fg(patterns, {
    cwd: root,
    ignore,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    unique: true,
  });
  const dirs = [...new Set(files.map((file) => path.posix.dirname(file)))];
  return dirs.map((dir) => ({
    dir,
    text: readFileSync(path.join(root, dir, "package.json"), "utf8"),
  }));
}

/**
 * The fast-glob result for segment globs, without fast-glob: `*` lists the directory (links
 * followed, as fast-glob is told to), and a candidate counts when its package.json reads as a
 * file and no exclusion matches it or its directory.
 */
async function listBySegments(
  root: string,
  globs: readonly SegmentGlob[],
  ignore: string[],
): Promise<FoundFile[]> {
  const excluded = ignore.length === 0 ? () => false : picomatch(ignore, { dot: true });
  const dirs = new Set<string>();
  for (const dir of (await Promise.all(globs.map((glob) => expand(root, glob)))).flat()) {
    dirs.add(dir);
  }
  const found: FoundFile[] = [];
  for (const dir of dirs) {
    const file = `${dir}/package.json`;
    if (excluded(file) || excluded(dir)) continue;
    const text = readIfFile(path.join(root, file));
    if (text !== undefined) found.push({ dir, text });
  }
  return found;
}

/** Every directory path (repo-relative) a segment glob names; missing ones are simply absent. */
async function expand(root: string, glob: SegmentGlob): Promise<string[]> {
  let current = [""];
  for (const segment of glob) {
    if (segment === STAR) {
      const listed = await Promise.all(current.map((dir) => entries(root, dir)));
      current = listed.flat();
    } else {
      current = current.map((dir) => (dir === "" ? segment : `${dir}/${segment}`));
    }
  }
  return current;
}

async function entries(root: string, dir: string): Promise<string[]> {
  try {
    const names = await readdir(path.join(root, dir));
    return names.map((name) => (dir === "" ? name : `${dir}/${name}`));
  } catch (error) {
    if (isAbsent(error)) return [];
    throw error;
  }
}

/** The file's text; undefined when it is missing or not a file (links followed). */
function readIfFile(file: string): string | undefined {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) return undefined;
    return readFileSync(file, "utf8");
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

function isAbsent(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function trimSlashes(glob: string): string {
  return glob.replace(/^\/+/, "").replace(/\/+$/, "");
}
