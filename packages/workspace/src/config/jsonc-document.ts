import {
  findNodeAtLocation,
  type Node,
  parse,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";

import { WorkspaceError } from "../errors.js";
import { type ConfigResult, fail, ok } from "./config-result.js";

/** A parsed turbo.json: its value, plus what is needed to point at a spot in the text. */
export interface JsoncDocument {
  readonly path: string;
  readonly text: string;
  /** The parsed value, as plain data (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown;
  /**
   * 1-based line and column of the value at `path` (its key with `key`), or of the file's start
   * when there is none. Only errors need it: the syntax tree it walks is built on the first call.
   */
  position(
    path: readonly (string | number)[],
    options?: { readonly key?: boolean },
  ): { readonly line: number; readonly column: number };
}

const PARSE_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: "unexpected symbol",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected `:`",
  CommaExpected: "expected `,`",
  CloseBraceExpected: "expected `}`",
  CloseBracketExpected: "expected `]`",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

/** Deepest nesting of objects and arrays accepted (real turbo.json files nest a handful). */
export const MAX_NESTING = 256;

/**
 * Parses JSON with comments and trailing commas (turbo accepts both in turbo.json and turbo.jsonc),
 * after a UTF-8 byte order mark, as turbo accepts it. Syntax errors come back as ERR_CONFIG_PARSE
 * naming `file:line:col`; nesting past `MAX_NESTING` as ERR_CONFIG_TOO_DEEP, before the parser
 * sees it (a recursive parser would run out of stack; turbo 2.11.13 crashes on 100,000 levels).
 */
export function parseJsoncDocument(path: string, source: string): ConfigResult<JsoncDocument> {
  const text = source.charCodeAt(0) === BOM ? source.slice(1) : source;
  const tooDeep = nestingPast(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    const { line, column } = lineLocator(text)(tooDeep);
    return fail(
      new WorkspaceError(
        "ERR_CONFIG_TOO_DEEP",
        `${path}:${line}:${column}: objects and arrays nest more than ${MAX_NESTING} levels deep`,
        { file: path, line, column, hint: `Flatten ${path}: a turbo.json nests a few levels.` },
      ),
    );
  }
  const errors: ParseError[] = [];
  // Plain values, not a syntax tree: a tree costs ~200 bytes a value (a 10 MB turbo.json made
  // hundreds of MB of it), and only an error needs one.
  const value: unknown = parse(text, errors, PARSE_OPTIONS);
  const first = errors[0];
  if (first !== undefined || (value === undefined && text.trim() === "")) {
    const locate = lineLocator(text);
    const offset = first?.offset ?? 0;
    const { line, column } = locate(offset);
    const name = first === undefined ? "ValueExpected" : printParseErrorCode(first.error);
    const what = PARSE_MESSAGES[name] ?? name;
    const atEnd = offset >= text.length ? " but the file ends" : "";
    return fail(
      new WorkspaceError("ERR_CONFIG_PARSE", `${path}:${line}:${column}: ${what}${atEnd}`, {
        file: path,
        line,
        column,
        hint: `Fix the JSON syntax in ${path}; comments and trailing commas are allowed.`,
      }),
    );
  }
  let tree: Node | undefined;
  let locate: ReturnType<typeof lineLocator> | undefined;
  return ok({
    path,
    text,
    value,
    position: (at, options = {}) => {
      tree ??= parseTree(text, [], PARSE_OPTIONS);
      locate ??= lineLocator(text);
      const node = tree === undefined ? undefined : findNodeAtLocation(tree, [...at]);
      const keyNode = options.key === true ? node?.parent?.children?.[0] : undefined;
      return locate((keyNode ?? node)?.offset ?? 0);
    },
  });
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

const BOM = 0xfeff;

/**
 * The offset of the first `{` or `[` that opens level `max + 1`, skipping strings and comments;
 * undefined when the text never nests that deep. One pass, no recursion.
 */
function nestingPast(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
      }
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = text.indexOf("\n", i);
      if (i === -1) return undefined;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      i = text.indexOf("*/", i + 2);
      if (i === -1) return undefined;
      i++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}
