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
  readonly include: RegExp | undefined;
  readonly exclude: RegExp | undefined;
}

/** Splits patterns into one anchored include regex and one exclude regex. */
export function compileWildcards(patterns: readonly string[]): CompiledWildcards {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) exclude.push(wildcardToRegexSource(pattern.slice(1)));
    else if (pattern.startsWith("\\!")) include.push(wildcardToRegexSource(pattern.slice(1)));
    else include.push(wildcardToRegexSource(pattern));
  }
  const anchored = (parts: string[]): RegExp | undefined =>
    parts.length === 0 ? undefined : new RegExp(`^(?:${parts.join("|")})$`);
  return { include: anchored(include), exclude: anchored(exclude) };
}

/** `wildcard_map_from_wildcards_unresolved`: what the patterns include and exclude, separately. */
export function wildcardMaps(env: EnvMap, patterns: readonly string[]): WildcardMaps {
  const inclusions = new Map<string, string>();
  const exclusions = new Map<string, string>();
  if (patterns.length === 0) return { inclusions, exclusions };
  const { include, exclude } = compileWildcards(patterns);
  for (const [name, value] of env) {
    if (include?.test(name) === true) inclusions.set(name, value);
    if (exclude?.test(name) === true) exclusions.set(name, value);
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
