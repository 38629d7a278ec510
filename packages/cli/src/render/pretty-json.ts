/**
 * `JSON.stringify(value, null, 2)` in pieces: objects and arrays down to `depth` are written
 * member by member, anything deeper is stringified whole and re-indented. The joined pieces are
 * exactly the one-string form, without ever holding it: a dry run of a thousand tasks is a
 * document of megabytes, and building it whole grew the heap by tens of megabytes.
 * `value` is plain JSON data (no toJSON, no cycles).
 */
export function* prettyJsonPieces(value: unknown, depth = 2, indent = ""): Generator<string> {
  if (depth === 0 || typeof value !== "object" || value === null) {
    yield reindent(JSON.stringify(value, null, 2), indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item: unknown = value[i];
      // JSON.stringify writes null for what JSON cannot hold in an array.
      yield* prettyJsonPieces(representable(item) ? item : null, depth - 1, inner);
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => representable(v));
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* prettyJsonPieces(item, depth - 1, inner);
    yield i < entries.length - 1 ? ",\n" : "\n";
  }
  yield `${indent}}`;
}

/** Writes the pieces in blocks of about `size` characters. */
export function writePrettyJson(
  value: unknown,
  write: (text: string) => unknown,
  size = 1 << 16,
): void {
  let block = "";
  for (const piece of prettyJsonPieces(value)) {
    block += piece;
    if (block.length >= size) {
      write(block);
      block = "";
    }
  }
  write(block);
}

function representable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

function reindent(json: string, indent: string): string {
  return indent === "" ? json : json.replaceAll("\n", `\n${indent}`);
}
