import { WorkspaceError, type WorkspaceErrorCode } from "../errors.js";
import type { JsoncDocument } from "./jsonc-document.js";
import { formatKeyPath } from "./key-path.js";

/** A WorkspaceError pointing at the value found at `path` in `doc` (or the file start). */
export function errorAt(
  doc: JsoncDocument,
  code: WorkspaceErrorCode,
  path: readonly (string | number)[],
  message: string,
  hint?: string,
): WorkspaceError {
  const { line, column } = doc.position(path);
  return new WorkspaceError(code, `${doc.path}: ${message}`, {
    file: doc.path,
    keyPath: formatKeyPath(path),
    line,
    column,
    ...(hint === undefined ? {} : { hint }),
  });
}
