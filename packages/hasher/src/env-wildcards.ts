/**
 * turbo's env var wildcards (`crates/turborepo-env`): `*` matches anything, `\*` is a literal
 * star, a leading `!` excludes, a leading `\!` is a literal `!`. Every pattern is anchored; the
 * match is case-sensitive (turbo folds case only on Windows).
 */

/** An environment: name → value. */
export type EnvMap = ReadonlyMap<string, string>;

export interface WildcardMaps {
  readonly inclusions: Map<string, string>;
  readonly exclusions: Map<string, string>;
}

const REGEX_META = /[.*+?^${}()|[\]\\]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_META, "\\$&");
}

/** `wildcard_to_regex_pattern`: the regex source (unanchored) for one pattern. */
export function wildcardToRegexSource(pattern: string): string {
  let out = "";
  let previousIndex = 0;
  let previous = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === "*") {
      if (previous === "\\") {
        out += escapeRegex(`${pattern.slice(previousIndex, i - 1)}*`);
      } else {
        out += `${escapeRegex(pattern.slice(previousIndex, i))}.*`;
      }
      previousIndex = i + 1;
    }
    previous = char;
  }
  return out + escapeRegex(pattern.slice(previousIndex));
}

export interface CompiledWildcards {
  /** Whether a name is included, or excluded; undefined when there are no such patterns. */
  readonly include: ((name: string) => boolean) | undefined;
  readonly exclude: ((name: string) => boolean) | undefined;
}

/**
 * Splits patterns into an include and an exclude matcher: names without `*` are looked up in a
 * set, the others are joined into one anchored regex. (A `globalEnv` of 400,000 names made one
 * regex with as many alternatives, which V8 compiled into hundreds of MB.)
 */
export function compileWildcards(patterns: readonly string[]): CompiledWildcards {
  const include = new WildcardSet();
  const exclude = new WildcardSet();
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) exclude.add(pattern.slice(1));
    else if (pattern.startsWith("\\!")) include.add(pattern.slice(1));
    else include.add(pattern);
  }
  return { include: include.matcher(), exclude: exclude.matcher() };
}

class WildcardSet {
  readonly #names = new Set<string>();
  readonly #sources: string[] = [];

  add(pattern: string): void {
    if (pattern.includes("*")) this.#sources.push(wildcardToRegexSource(pattern));
    else this.#names.add(pattern);
  }

  matcher(): ((name: string) => boolean) | undefined {
    const names = this.#names;
    if (this.#sources.length === 0) return names.size === 0 ? undefined : (n) => names.has(n);
    const regex = new RegExp(`^(?:${this.#sources.join("|")})$`);
    return (name) => names.has(name) || regex.test(name);
  }
}

/** `wildcard_map_from_wildcards_unresolved`: what the patterns include and exclude, separately. */
export function wildcardMaps(env: EnvMap, patterns: readonly string[]): WildcardMaps {
  const inclusions = new Map<string, string>();
  const exclusions = new Map<string, string>();
  if (patterns.length === 0) return { inclusions, exclusions };
  const { include, exclude } = compileWildcards(patterns);
  for (const [name, value] of env) {
    if (include?.(name) === true) inclusions.set(name, value);
    if (exclude?.(name) === true) exclusions.set(name, value);
  }
  return { inclusions, exclusions };
}

/** `from_wildcards`: the variables the patterns include and do not exclude. */
export function fromWildcards(env: EnvMap, patterns: readonly string[]): Map<string, string> {
  const { inclusions, exclusions } = wildcardMaps(env, patterns);
  return difference(inclusions, exclusions);
}

/** `target ∪ source` in place (source wins), returning target. */
export function union(target: Map<string, string>, source: EnvMap): Map<string, string> {
  for (const [name, value] of source) target.set(name, value);
  return target;
}

/** Removes every key of `remove` from `target` in place, returning target. */
export function difference(target: Map<string, string>, remove: EnvMap): Map<string, string> {
  for (const name of remove.keys()) target.delete(name);
  return target;
}
