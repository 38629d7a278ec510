import { type Stats, statSync } from "node:fs";

import type picomatch from "picomatch";

type Matcher = (path: string) => boolean;

/**
 * What the input walks of one run share: compiled glob matchers by pattern list and options, and
 * the `stat` of literal paths. A run asks for the same few exclusion lists (one task definition's)
 * once per package and for the same literal files (`package.json`, `turbo.json`) once per task of
 * a package, all at once: a matcher's promise is what is kept, so concurrent askers share one
 * compilation. A stat is synchronous: a few microseconds against the tens a promise round trip
 * through the thread pool costs (15 ms for the 240 literals of a 60-package run).
 */
export class WalkMemo {
  readonly #matchers = new Map<string, Promise<Matcher>>();
  readonly #stats = new Map<string, Stats | undefined>();

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
    if (this.#stats.has(path)) return this.#stats.get(path);
    let stats: Stats | undefined;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      // Not reachable (a file where a directory should be, no permission): nothing there.
    }
    this.#stats.set(path, stats);
    return stats;
  }
}

async function compile(
  patterns: readonly string[],
  options: picomatch.PicomatchOptions,
): Promise<Matcher> {
  // picomatch is loaded on first use: runs without `inputs` never need it.
  const { default: picomatch } = await import("picomatch");
  return picomatch([...patterns], options);
}
