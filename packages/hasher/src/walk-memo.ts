import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";

import type picomatch from "picomatch";

type Matcher = (path: string) => boolean;

/**
 * What the input walks of one run share: compiled glob matchers by pattern list and options, and
 * the `stat` of literal paths. A run asks for the same few exclusion lists (one task definition's)
 * once per package and for the same literal files (`package.json`, `turbo.json`) once per task of
 * a package, all at once: promises are what is kept, so concurrent askers share one compilation
 * or one system call.
 */
export class WalkMemo {
  readonly #matchers = new Map<string, Promise<Matcher>>();
  readonly #stats = new Map<string, Promise<Stats | undefined>>();

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
  stat(path: string): Promise<Stats | undefined> {
    let stats = this.#stats.get(path);
    if (stats === undefined) {
      stats = stat(path).catch(() => undefined);
      this.#stats.set(path, stats);
    }
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
