import type { Node } from "jsonc-parser";

import { ConfigError, type ConfigErrorCode } from "./config-error.js";
import type { JsoncDocument } from "./jsonc-document.js";
import { describeJson, formatKeyPath } from "./key-path.js";
import type { ObjectSpec, Spec } from "./turbo-json-schema.js";

/** Thrown inside the walk only; `validateDocument` turns it into a value. */
class Stop extends Error {
  constructor(readonly error: ConfigError) {
    super(error.message);
  }
}

export type Validated = { ok: true; value: unknown } | { ok: false; error: ConfigError };

/**
 * Checks a parsed turbo.json against a schema and converts it into plain data, keeping key order.
 * Legacy aliases are renamed and reported through `notices`.
 */
export function validateDocument(
  doc: JsoncDocument,
  spec: ObjectSpec,
  notices: string[],
): Validated {
  try {
    return { ok: true, value: new Walker(doc, notices).value(doc.tree, spec, []) };
  } catch (thrown) {
    if (thrown instanceof Stop) return { ok: false, error: thrown.error };
    throw thrown;
  }
}

class Walker {
  constructor(
    private readonly doc: JsoncDocument,
    private readonly notices: string[],
  ) {}

  value(node: Node, spec: Spec, path: (string | number)[]): unknown {
    switch (spec.kind) {
      case "string":
        return this.scalar(node, path, "string", "a string");
      case "boolean":
        return this.scalar(node, path, "boolean", "a boolean");
      case "uint64": {
        const value = this.scalar(node, path, "number", "a non-negative integer");
        if (!Number.isInteger(value) || (value as number) < 0) {
          throw this.stop("ERR_CONFIG_INVALID_VALUE", node, path, "must be a non-negative integer");
        }
        return value;
      }
      case "enum": {
        const expected = `one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`;
        const value = this.scalar(node, path, "string", expected) as string;
        if (!spec.values.includes(value))
          throw this.stop("ERR_CONFIG_INVALID_VALUE", node, path, `must be ${expected}`);
        return value;
      }
      case "strings":
        return this.array(node, path, "an array of strings", (item, at) =>
          this.scalar(item, at, "string", "a string"),
        );
      case "taskInputs":
        return this.array(node, path, "an array of globs or input objects", (item, at) =>
          item.type === "object"
            ? this.object(item, STRUCTURED_INPUT, at)
            : this.scalar(item, at, "string", "a string or an object"),
        );
      case "map":
        return this.map(node, spec.value, path);
      case "any-object":
        this.expectType(node, path, "object", "an object");
        return this.raw(node);
      case "object":
        return this.object(node, spec, path);
    }
  }

  private scalar(
    node: Node,
    path: (string | number)[],
    type: "string" | "boolean" | "number",
    expected: string,
  ): unknown {
    this.expectType(node, path, type, expected);
    return node.value as unknown;
  }

  private array(
    node: Node,
    path: (string | number)[],
    expected: string,
    item: (n: Node, p: (string | number)[]) => unknown,
  ): unknown[] {
    this.expectType(node, path, "array", expected);
    return (node.children ?? []).map((child, index) => item(child, [...path, index]));
  }

  private map(node: Node, value: Spec, path: (string | number)[]): Record<string, unknown> {
    this.expectType(node, path, "object", "an object");
    const out: Record<string, unknown> = {};
    for (const [key, child] of this.entries(node))
      out[key] = this.value(child, value, [...path, key]);
    return out;
  }

  private object(node: Node, spec: ObjectSpec, path: (string | number)[]): Record<string, unknown> {
    this.expectType(node, path, "object", "an object");
    const entries = this.entries(node);
    const keys = new Set(entries.map(([key]) => key));
    const out: Record<string, unknown> = {};
    for (const [written, child, keyNode] of entries) {
      const key = this.canonicalKey(spec, written, keys, keyNode, path);
      const field = spec.fields[key];
      if (field === undefined) {
        const where = path.length === 0 ? "" : ` in ${formatKeyPath(path)}`;
        throw new Stop(
          this.error(
            "ERR_CONFIG_UNKNOWN_KEY",
            keyNode,
            [...path, written],
            `Found an unknown key \`${written}\`${where}`,
            {
              hint: `Expected one of: ${Object.keys(spec.fields).join(", ")}.${spec.unknownKeyHint === undefined ? "" : ` ${spec.unknownKeyHint}`}`,
            },
          ),
        );
      }
      out[key] = this.value(child, field, [...path, key]);
    }
    return out;
  }

  private canonicalKey(
    spec: ObjectSpec,
    written: string,
    keys: ReadonlySet<string>,
    keyNode: Node,
    path: (string | number)[],
  ): string {
    const canonical = spec.aliases?.[written];
    if (canonical === undefined) return written;
    if (keys.has(canonical)) {
      throw new Stop(
        this.error(
          "ERR_CONFIG_INVALID_VALUE",
          keyNode,
          [...path, written],
          `both \`${written}\` and \`${canonical}\` are set in ${formatKeyPath(path) || "the top level"}`,
          {
            hint: `Remove \`${written}\`; it is the turbo 1.x name of \`${canonical}\`.`,
          },
        ),
      );
    }
    const at = formatKeyPath([...path, written]);
    this.notices.push(
      `${this.doc.path}: \`${at}\` is the turbo 1.x name of \`${canonical}\`; rename it (turbo 2.x rejects \`${written}\`).`,
    );
    return canonical;
  }

  private entries(node: Node): [string, Node, Node][] {
    const out: [string, Node, Node][] = [];
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode !== undefined && valueNode !== undefined)
        out.push([keyNode.value as string, valueNode, keyNode]);
    }
    return out;
  }

  private expectType(
    node: Node,
    path: (string | number)[],
    type: Node["type"],
    expected: string,
  ): void {
    if (node.type === type) return;
    throw new Stop(
      this.error(
        "ERR_CONFIG_INVALID_TYPE",
        node,
        path,
        `${formatKeyPath(path) || "the file"} must be ${expected} (got ${describeJson(this.raw(node))})`,
      ),
    );
  }

  private stop(code: ConfigErrorCode, node: Node, path: (string | number)[], must: string): Stop {
    return new Stop(
      this.error(
        code,
        node,
        path,
        `${formatKeyPath(path)} ${must} (got ${describeJson(this.raw(node))})`,
      ),
    );
  }

  private error(
    code: ConfigErrorCode,
    node: Node,
    path: (string | number)[],
    message: string,
    extra: { hint?: string } = {},
  ): ConfigError {
    const { line, column } = this.doc.locate(node.offset);
    return new ConfigError(code, `${this.doc.path}: ${message}`, {
      file: this.doc.path,
      keyPath: formatKeyPath(path),
      line,
      column,
      ...extra,
    });
  }

  private raw(node: Node): unknown {
    switch (node.type) {
      case "object":
        return Object.fromEntries(this.entries(node).map(([key, child]) => [key, this.raw(child)]));
      case "array":
        return (node.children ?? []).map((child) => this.raw(child));
      default:
        return node.value as unknown;
    }
  }
}

const STRUCTURED_INPUT: ObjectSpec = {
  kind: "object",
  fields: {
    from: { kind: "strings" },
    globs: { kind: "strings" },
    mode: { kind: "string" },
    withDefaults: { kind: "boolean" },
  },
};
