import { ConfigError, type ConfigErrorCode } from "./config-error.js";
import type { JsoncDocument } from "./jsonc-document.js";
import { formatKeyPath } from "./key-path.js";

/** A ConfigError pointing at the value found at `path` in `doc` (or the file start). */
export function errorAt(
  doc: JsoncDocument,
  code: ConfigErrorCode,
  path: readonly (string | number)[],
  message: string,
  hint?: string,
): ConfigError {
  const { line, column } = doc.position(path);
  return new ConfigError(code, `${doc.path}: ${message}`, {
    file: doc.path,
    keyPath: formatKeyPath(path),
    line,
    column,
    ...(hint === undefined ? {} : { hint }),
  });
}
