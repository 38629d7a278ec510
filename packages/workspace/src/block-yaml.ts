/**
 * A reader for the plain block YAML that package managers write (pnpm's `pnpm-lock.yaml` and
 * `pnpm-workspace.yaml`, berry's `yarn.lock` and `.yarnrc.yml`): nested block mappings, block
 * sequences of scalars, one-line flow collections, plain and quoted one-line scalars, full-line
 * comments. It builds plain objects directly, which is what the `yaml` library returns for the
 * same text, in a fraction of its time and memory: `yaml` builds a full document model (nodes,
 * ranges, a duplicate-key scan of every map) for data that is only read.
 *
 * With the failsafe schema (lockfiles) every scalar is a string. With the core schema (`yaml`'s
 * default) a plain scalar the core schema reads as null, a boolean or a number, and an empty
 * value (null), are left to `yaml`: the document is returned only when every scalar is a string.
 *
 * Anything outside that subset returns undefined and the caller parses the text with `yaml`:
 * anchors, aliases, tags, block scalars, multi-line scalars or flow collections, explicit keys,
 * directives and document markers, trailing comments, escapes in double quotes, tabs, CRLF, a
 * byte-order mark, duplicate keys (an error or last-wins, as the caller's options say), and any
 * indentation it does not expect.
 */
export function readBlockYaml(
  text: string,
  schema: "failsafe" | "core" = "failsafe",
): Record<string, unknown> | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.includes("\r") || text.includes("\t")) return undefined;
  return new BlockReader(text, schema === "core").read();
}

/** Plain scalars the core schema resolves to null, a boolean or a number (`yaml`'s own tests). */
const CORE_TYPED =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)?$/;

type Container = Record<string, unknown> | unknown[];
interface Frame {
  /** Indentation of this collection's entries. */
  readonly indent: number;
  readonly value: Container;
}
/** A `key:` whose value is on the following lines (a nested collection) or empty (""). */
interface Pending {
  readonly map: Record<string, unknown>;
  readonly key: string;
  readonly indent: number;
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
/** Characters that cannot start a plain scalar here (indicators, quotes handled separately). */
const NOT_PLAIN_START = "[]{},#&*!|>%@`?:-";

class BlockReader {
  readonly #text: string;
  /** Only strings: any scalar the core schema types makes the document someone else's. */
  readonly #core: boolean;
  #pos = 0;
  /** Position and end of the current line while it is being read. */
  #at = 0;
  #end = 0;

  constructor(text: string, core: boolean) {
    this.#text = text;
    this.#core = core;
  }

  read(): Record<string, unknown> | undefined {
    const text = this.#text;
    const root: Record<string, unknown> = {};
    const stack: Frame[] = [{ indent: 0, value: root }];
    let pending: Pending | undefined;
    while (this.#pos < text.length) {
      const start = this.#pos;
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      let at = start;
      while (at < end && text.charCodeAt(at) === SPACE) at++;
      this.#pos = end + 1;
      if (at === end || text.charCodeAt(at) === HASH) continue;
      const indent = at - start;
      this.#at = at;
      this.#end = end;
      const item = text.charCodeAt(at) === DASH && text.charCodeAt(at + 1) === SPACE;
      if (pending !== undefined) {
        if (indent > pending.indent) {
          const value: Container = item ? [] : {};
          pending.map[pending.key] = value;
          stack.push({ indent, value });
        } else if (this.#core) {
          return undefined;
        } else {
          pending.map[pending.key] = "";
        }
        pending = undefined;
      }
      while (stack.length > 1 && (stack.at(-1) as Frame).indent > indent) stack.pop();
      const frame = stack.at(-1) as Frame;
      if (frame.indent !== indent) return undefined;
      if (Array.isArray(frame.value)) {
        if (!item) return undefined;
        this.#at += 2;
        this.#skipSpaces();
        const value = this.#value();
        if (value === undefined) return undefined;
        frame.value.push(value);
      } else {
        if (item) return undefined;
        const key = this.#key();
        if (key === undefined || Object.hasOwn(frame.value, key)) return undefined;
        if (this.#at === this.#end) {
          pending = { map: frame.value, key, indent };
          continue;
        }
        const value = this.#value();
        if (value === undefined) return undefined;
        frame.value[key] = value;
      }
    }
    if (pending !== undefined) {
      if (this.#core) return undefined;
      pending.map[pending.key] = "";
    }
    // An empty document is null to `yaml`, not a mapping.
    return Object.keys(root).length === 0 ? undefined : root;
  }

  /** A mapping key and its `:`; leaves #at after the separating space (or at the line end). */
  #key(): string | undefined {
    const text = this.#text;
    let key: string | undefined;
    const first = text.charCodeAt(this.#at);
    if (first === 0x27 || first === 0x22) {
      key = this.#quoted();
    } else {
      const colon = text.indexOf(":", this.#at);
      if (colon === -1 || colon >= this.#end) return undefined;
      key = this.#plain(this.#at, colon, false);
      this.#at = colon;
    }
    if (key === undefined || key === "__proto__" || key === "<<") return undefined;
    if (text.charCodeAt(this.#at) !== 0x3a) return undefined;
    this.#at++;
    if (this.#at === this.#end) return key;
    if (text.charCodeAt(this.#at) !== SPACE) return undefined;
    while (this.#at < this.#end && text.charCodeAt(this.#at) === SPACE) this.#at++;
    return key;
  }

  /** The value that fills the rest of the line: a scalar or a one-line flow collection. */
  #value(): unknown {
    const text = this.#text;
    const first = text.charCodeAt(this.#at);
    let value: unknown;
    if (first === 0x7b || first === 0x5b) value = this.#flow();
    else if (first === 0x27 || first === 0x22) value = this.#quoted();
    else {
      const end = this.#end;
      value = this.#plain(this.#at, end, false);
      // `a: b: c` and `a: b:` are mappings YAML does not allow here: the library says so.
      if (typeof value === "string" && (value.includes(": ") || value.endsWith(":"))) {
        return undefined;
      }
      this.#at = end;
    }
    while (this.#at < this.#end && text.charCodeAt(this.#at) === SPACE) this.#at++;
    return this.#at === this.#end ? value : undefined;
  }

  /** A plain scalar in [from, to), trailing spaces trimmed; undefined if it is not one. */
  #plain(from: number, to: number, flow: boolean): string | undefined {
    const text = this.#text;
    let end = to;
    while (end > from && text.charCodeAt(end - 1) === SPACE) end--;
    if (end === from) return undefined;
    const first = text[from] as string;
    if (NOT_PLAIN_START.includes(first)) {
      // `-`, `?` and `:` may start a plain scalar when a non-space follows (e.g. `-1`).
      const next = text.charCodeAt(from + 1);
      if (!"-?:".includes(first) || from + 1 >= end || next === SPACE) return undefined;
      if (flow && "[]{},".includes(text[from + 1] as string)) return undefined;
    }
    const value = text.slice(from, end);
    if (value.includes(" #") || (this.#core && CORE_TYPED.test(value))) return undefined;
    return value;
  }

  /** A one-line single- or double-quoted scalar starting at #at; leaves #at after it. */
  #quoted(): string | undefined {
    const text = this.#text;
    const quote = text[this.#at] as string;
    let out = "";
    let from = this.#at + 1;
    for (;;) {
      const close = text.indexOf(quote, from);
      if (close === -1 || close >= this.#end) return undefined;
      out += text.slice(from, close);
      if (quote === "'" && text[close + 1] === "'") {
        out += "'";
        from = close + 2;
        continue;
      }
      if (quote === '"' && out.includes("\\")) return undefined;
      this.#at = close + 1;
      return out;
    }
  }

  /** `{k: v, ...}` or `[v, ...]` on the rest of the line, nested as deep as it goes. */
  #flow(): unknown {
    const text = this.#text;
    const open = text[this.#at];
    const close = open === "{" ? "}" : "]";
    const map: Record<string, unknown> | undefined = open === "{" ? {} : undefined;
    const list: unknown[] = [];
    this.#at++;
    this.#skipSpaces();
    if (text[this.#at] === close) {
      this.#at++;
      return map ?? list;
    }
    for (;;) {
      let key: string | undefined;
      if (map !== undefined) {
        key = this.#flowScalar(true);
        if (key === undefined || key === "__proto__" || Object.hasOwn(map, key)) return undefined;
        if (text[this.#at] !== ":" || text.charCodeAt(this.#at + 1) !== SPACE) return undefined;
        this.#at += 1;
        this.#skipSpaces();
      }
      const first = text[this.#at];
      const value = first === "{" || first === "[" ? this.#flow() : this.#flowScalar(false);
      if (value === undefined) return undefined;
      if (map !== undefined) map[key as string] = value;
      else list.push(value);
      this.#skipSpaces();
      const next = text[this.#at];
      this.#at++;
      if (next === close) return map ?? list;
      if (next !== ",") return undefined;
      this.#skipSpaces();
    }
  }

  /** A scalar inside a flow collection: quoted, or plain up to `, ] }` or `: `. */
  #flowScalar(isKey: boolean): string | undefined {
    const text = this.#text;
    const first = text.charCodeAt(this.#at);
    if (first === 0x27 || first === 0x22) return this.#quoted();
    const from = this.#at;
    let at = from;
    for (; at < this.#end; at++) {
      const c = text[at] as string;
      if (c === "," || c === "]" || c === "}" || c === "[" || c === "{") break;
      if (c === ":" && (text.charCodeAt(at + 1) === SPACE || isKey)) break;
    }
    this.#at = at;
    return this.#plain(from, at, true);
  }

  #skipSpaces(): void {
    while (this.#at < this.#end && this.#text.charCodeAt(this.#at) === SPACE) this.#at++;
  }
}
