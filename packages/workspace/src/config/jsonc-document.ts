import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";

import { ConfigError, type ConfigResult, fail, ok } from "./config-error.js";

/** A parsed turbo.json: its syntax tree plus what is needed to point at a spot in the text. */
export interface JsoncDocument {
  readonly path: string;
  readonly text: string;
  readonly tree: Node;
  /** 1-based line and column of a character offset. */
  locate(offset: number): { readonly line: number; readonly column: number };
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

/**
 * Parses JSON with comments and trailing commas (turbo accepts both in turbo.json and turbo.jsonc).
 * Syntax errors come back as ERR_CONFIG_PARSE naming `file:line:col`.
 */
export function parseJsoncDocument(path: string, text: string): ConfigResult<JsoncDocument> {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const locate = lineLocator(text);
  const first = errors[0];
  if (first !== undefined || tree === undefined) {
    const offset = first?.offset ?? 0;
    const { line, column } = locate(offset);
    const name = first === undefined ? "ValueExpected" : printParseErrorCode(first.error);
    const what = PARSE_MESSAGES[name] ?? name;
    const atEnd = offset >= text.length ? " but the file ends" : "";
    return fail(
      new ConfigError("ERR_CONFIG_PARSE", `${path}:${line}:${column}: ${what}${atEnd}`, {
        file: path,
        line,
        column,
        hint: `Fix the JSON syntax in ${path}; comments and trailing commas are allowed.`,
      }),
    );
  }
  return ok({ path, text, tree, locate });
}

function lineLocator(text: string): JsoncDocument["locate"] {
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
