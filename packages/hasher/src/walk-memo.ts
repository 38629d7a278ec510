import { lstatSync, realpathSync, type Stats, statSync } from "node:fs";

import type picomatch from "picomatch";

type Matcher = (path: string) => boolean;

/**
 * What the input walks of one run share: compiled glob matchers by pattern list and options, and
 * the stats of literal paths and the root's real path. A run asks for the same few exclusion lists
 * (one task definition's) once per package and for the same literal files (`package.json`,
 * `turbo.json`) once per task of a package, all at once: a matcher's promise is what is kept, so
 * concurrent askers share one compilation. Stats are synchronous: a few microseconds against the
 * tens a promise round trip through the thread pool costs (15 ms for the 240 literals of a
 * 60-package run).
 */
export class WalkMemo {
  readonly #matchers = new Map<string, Promise<Matcher>>();
  readonly #stats = new Map<string, Stats | undefined>();
  readonly #lstats = new Map<string, Stats | undefined>();
  readonly #realpaths = new Map<string, string>();

  matcher(patterns: readonly string[], options: picomatch.PicomatchOptions): Promise<Matcher> {
    const key = JSON.stringify([patterns, options]);
    let matcher = this.#matchers.get(key);
    if (matcher === undefined) {
      matcher = compile(patterns, options);
      this.#matchers.set(key, matcher);
    }
    return matcher;
  }

  /** The target's stats (symlinks followed); undefined when there is nothing there. */
  stat(path: string): Stats | undefined {
    return remember(this.#stats, path, () => statSync(path, { throwIfNoEntry: false }));
  }

  /** The path's own stats (a symlink is a symlink); undefined when there is nothing there. */
  lstat(path: string): Stats | undefined {
    return remember(this.#lstats, path, () => lstatSync(path, { throwIfNoEntry: false }));
  }

  /** The real path, as the system resolves it (fs.promises.realpath's answer); throws if none. */
  realpath(path: string): string {
    let real = this.#realpaths.get(path);
    if (real === undefined) {
      real = realpathSync.native(path);
      this.#realpaths.set(path, real);
    }
    return real;
  }
}

function remember(
  memo: Map<string, Stats | undefined>,
  path: string,
  read: () => Stats | undefined,
): Stats | undefined {
  if (memo.has(path)) return memo.get(path);
  let stats: Stats | undefined;
  try {
    stats = read();
  } catch {
    // Not reachable (a file where a directory should be, no permission): nothing there.
  }
  memo.set(path, stats);
  return stats;
}

async function compile(
  patterns: readonly string[],
  options: picomatch.PicomatchOptions,
): Promise<Matcher> {
  // picomatch is loaded on first use: runs without `inputs` never need it.
  const { default: picomatch } = await import("picomatch");
  return picomatch([...patterns], options);
}
