import { WorkspaceError } from "../errors.js";
import { type ConfigResult, fail, ok } from "./config-result.js";
import { errorAt } from "./error-at.js";
import { parseJsoncDocument } from "./jsonc-document.js";
import { boundariesField, isPackageTaskKey, readTasks, stringsField } from "./read-tasks.js";
import type { TurboJsonFile } from "./turbo-json.js";
import { PACKAGE_SPEC } from "./turbo-json-schema.js";
import { validateDocument } from "./validate-json.js";

/**
 * Parses and validates a Package Configuration (`<pkg>/turbo.json[c]`): only `extends`, `tasks`,
 * `tags` and `boundaries`; `extends` must start with "//"; no `pkg#task` keys.
 */
export function parsePackageTurboJson(
  path: string,
  text: string,
  notices: string[],
): ConfigResult<TurboJsonFile> {
  const parsed = parseJsoncDocument(path, text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const validated = validateDocument(doc, PACKAGE_SPEC, notices);
  if (!validated.ok) return validated;
  const fields = validated.value as Readonly<Record<string, unknown>>;

  const extendsList = stringsField(fields, "extends") ?? [];
  if (extendsList.length === 0) {
    return fail(
      new WorkspaceError("ERR_CONFIG_EXTENDS", `${path}: No "extends" key found.`, {
        file: path,
        keyPath: "extends",
        line: 1,
        column: 1,
        hint: 'Add `"extends": ["//"]` to inherit from the root turbo.json.',
      }),
    );
  }
  if (extendsList[0] !== "//") {
    return fail(
      errorAt(
        doc,
        "ERR_CONFIG_EXTENDS",
        ["extends"],
        "You must extend from the root of the workspace first.",
        `Start \`extends\` with "//", e.g. ["//", ${extendsList.map((e) => JSON.stringify(e)).join(", ")}].`,
      ),
    );
  }
  const read = readTasks(doc, fields);
  if ("error" in read) return fail(read.error);
  for (const key of read.tasks.keys()) {
    if (isPackageTaskKey(key)) {
      const wanted = key.slice(key.indexOf("#") + 1);
      return fail(
        errorAt(
          doc,
          "ERR_CONFIG_PACKAGE_TASK_SYNTAX",
          ["tasks", key],
          `"${key}". Use "${wanted}" instead.`,
          "A Package Configuration configures only its own package, so task keys have no package prefix.",
        ),
      );
    }
  }
  return ok({
    path,
    tasks: read.tasks,
    extends: extendsList,
    tags: stringsField(fields, "tags"),
    boundaries: boundariesField(fields),
  });
}
