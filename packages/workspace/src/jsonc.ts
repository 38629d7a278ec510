import { parse, type ParseError } from "jsonc-parser";

/**
 * jsonc-parser's `parse` with trailing commas allowed (bun.lock). A text that is JSON but for
 * trailing commas, as bun writes its lockfile, is read by readTrailingCommaJson instead: the
 * engine's parser, several times faster than a JavaScript one on a lockfile of megabytes.
 * jsonc-parser reads the rest and reports the errors.
 */
export function parseJsonc(text: string, errors: ParseError[]): unknown {
  const fast = readTrailingCommaJson(text);
  return fast === undefined ? parse(text, errors, { allowTrailingComma: true }) : fast.value;
}

/**
 * `JSON.parse` of `text` with the commas before a closing bracket dropped; undefined when that
 * is not JSON (comments, a byte-order mark, an error) or holds a `__proto__` key, which the two
 * parsers treat differently.
 */
export function readTrailingCommaJson(text: string): { readonly value: unknown } | undefined {
  if (text.includes('"__proto__"')) return undefined;
  try {
    return { value: JSON.parse(text.replace(TRAILING_COMMA, "$1$2")) };
  } catch {
    return undefined;
  }
}

/** A string (kept as it is), or a comma before a closing bracket (dropped). */
const TRAILING_COMMA = /("(?:[^"\\\n]|\\.)*")|,(\s*[}\]])/g;
