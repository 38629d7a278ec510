import { WorkspaceError, type WorkspaceErrorCode } from "../errors.js";
import type { JsoncDocument } from "./jsonc-document.js";
import { describeJson, formatKeyPath } from "./key-path.js";
import type { ObjectSpec, Spec } from "./turbo-json-schema.js";

/** Thrown inside the walk only; `validateDocument` turns it into a value. */
class Stop extends Error {
  constructor(readonly error: WorkspaceError) {
    super(error.message);
  }
}

export type Validated = { ok: true; value: unknown } | { ok: false; error: WorkspaceError };

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
    return { ok: true, value: new Walker(doc, notices).value(doc.value, spec, []) };
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

  value(json: unknown, spec: Spec, path: (string | number)[]): unknown {
    switch (spec.kind) {
      case "string":
        return this.scalar(json, path, "string", "a string");
      case "boolean":
        return this.scalar(json, path, "boolean", "a boolean");
      case "uint64": {
        const value = this.scalar(json, path, "number", "a non-negative integer");
        if (!Number.isInteger(value) || (value as number) < 0) {
          throw this.stop("ERR_CONFIG_INVALID_VALUE", json, path, "must be a non-negative integer");
        }
        return value;
      }
      case "enum": {
        const expected = `one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`;
        const value = this.scalar(json, path, "string", expected) as string;
        if (!spec.values.includes(value))
          throw this.stop("ERR_CONFIG_INVALID_VALUE", json, path, `must be ${expected}`);
        return value;
      }
      case "strings":
        return this.array(json, path, "an array of strings", (item, at) =>
          this.scalar(item, at, "string", "a string"),
        );
      case "taskInputs":
        return this.array(json, path, "an array of globs or input objects", (item, at) =>
          typeOf(item) === "object"
            ? this.object(item, STRUCTURED_INPUT, at)
            : this.scalar(item, at, "string", "a string or an object"),
        );
      case "map":
        return this.map(json, spec.value, path);
      case "any-object":
        this.expectType(json, path, "object", "an object");
        return json;
      case "object":
        return this.object(json, spec, path);
    }
  }

  private scalar(
    json: unknown,
    path: (string | number)[],
    type: "string" | "boolean" | "number",
    expected: string,
  ): unknown {
    this.expectType(json, path, type, expected);
    return json;
  }

  private array(
    json: unknown,
    path: (string | number)[],
    expected: string,
    item: (n: unknown, p: (string | number)[]) => unknown,
  ): unknown[] {
    this.expectType(json, path, "array", expected);
    return (json as unknown[]).map((child, index) => item(child, [...path, index]));
  }

  private map(json: unknown, value: Spec, path: (string | number)[]): Record<string, unknown> {
    this.expectType(json, path, "object", "an object");
    const out: Record<string, unknown> = {};
    for (const [key, child] of this.entries(json))
      out[key] = this.value(child, value, [...path, key]);
    return out;
  }

  private object(
    json: unknown,
    spec: ObjectSpec,
    path: (string | number)[],
  ): Record<string, unknown> {
    this.expectType(json, path, "object", "an object");
    const entries = this.entries(json);
    const keys = new Set(entries.map(([key]) => key));
    const out: Record<string, unknown> = {};
    for (const [written, child] of entries) {
      const key = this.canonicalKey(spec, written, keys, path);
      const field = spec.fields[key];
      if (field === undefined) {
        const where = path.length === 0 ? "" : ` in ${formatKeyPath(path)}`;
        throw new Stop(
          this.error(
            "ERR_CONFIG_UNKNOWN_KEY",
            [...path, written],
            `Found an unknown key \`${written}\`${where}`,
            {
              key: true,
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
    path: (string | number)[],
  ): string {
    const canonical = spec.aliases?.[written];
    if (canonical === undefined) return written;
    if (keys.has(canonical)) {
      throw new Stop(
        this.error(
          "ERR_CONFIG_INVALID_VALUE",
          [...path, written],
          `both \`${written}\` and \`${canonical}\` are set in ${formatKeyPath(path) || "the top level"}`,
          {
            key: true,
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

  private entries(json: unknown): [string, unknown][] {
    return Object.entries(json as Record<string, unknown>);
  }

  private expectType(
    json: unknown,
    path: (string | number)[],
    type: JsonType,
    expected: string,
  ): void {
    if (typeOf(json) === type) return;
    throw new Stop(
      this.error(
        "ERR_CONFIG_INVALID_TYPE",
        path,
        `${formatKeyPath(path) || "the file"} must be ${expected} (got ${describeJson(json)})`,
      ),
    );
  }

  private stop(
    code: WorkspaceErrorCode,
    json: unknown,
    path: (string | number)[],
    must: string,
  ): Stop {
    return new Stop(
      this.error(code, path, `${formatKeyPath(path)} ${must} (got ${describeJson(json)})`),
    );
  }

  /** `key`: point at the key itself (an unknown or duplicated key), not its value. */
  private error(
    code: WorkspaceErrorCode,
    path: (string | number)[],
    message: string,
    extra: { key?: boolean; hint?: string } = {},
  ): WorkspaceError {
    const { line, column } = this.doc.position(path, { key: extra.key === true });
    return new WorkspaceError(code, `${this.doc.path}: ${message}`, {
      file: this.doc.path,
      keyPath: formatKeyPath(path),
      line,
      column,
      ...(extra.hint === undefined ? {} : { hint: extra.hint }),
    });
  }
}

type JsonType = "object" | "array" | "string" | "number" | "boolean" | "null";

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
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
