import type picomatch from "picomatch";

type Matcher = (path: string) => boolean;

/**
 * Compiled glob matchers by pattern list and options, for one run. picomatch takes milliseconds
 * to compile a list and microseconds to match a path, and a run asks for the same few lists
 * (one task definition's exclusions) once per package.
 */
export class GlobMatchers {
  readonly #compiled = new Map<string, Matcher>();

  async get(patterns: readonly string[], options: picomatch.PicomatchOptions): Promise<Matcher> {
    const key = JSON.stringify([patterns, options]);
    let matcher = this.#compiled.get(key);
    if (matcher === undefined) {
      // picomatch is loaded on first use: runs without `inputs` never need it.
      const { default: compile } = await import("picomatch");
      matcher = compile([...patterns], options);
      this.#compiled.set(key, matcher);
    }
    return matcher;
  }
}
