import { type ConfigResult, fail, ok } from "./config-result.js";
import { errorAt } from "./error-at.js";
import { checkGlobalValues, globalSettings } from "./global-settings.js";
import { parseJsoncDocument } from "./jsonc-document.js";
import { boundariesField, isPackageTaskKey, readTasks, stringsField } from "./read-tasks.js";
import {
  type EnvMode,
  FUTURE_FLAG_NAMES,
  type FutureFlags,
  type RootTurboJson,
  type TurboJsonRemoteCache,
  type UiMode,
} from "./turbo-json.js";
import { ROOT_SPEC } from "./turbo-json-schema.js";
import { validateDocument } from "./validate-json.js";

export interface ParseRootOptions {
  /** Reject `pkg#task` keys, as turbo does in single-package repositories. */
  readonly singlePackage?: boolean;
}

/** Parses and validates the root turbo.json / turbo.jsonc. */
export function parseRootTurboJson(
  path: string,
  text: string,
  notices: string[],
  options: ParseRootOptions = {},
): ConfigResult<RootTurboJson> {
  const parsed = parseJsoncDocument(path, text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const validated = validateDocument(doc, ROOT_SPEC, notices);
  if (!validated.ok) return validated;
  const fields = validated.value as Readonly<Record<string, unknown>>;
  const written = (fields.futureFlags ?? {}) as Partial<Record<string, boolean>>;
  const futureFlags = Object.fromEntries(
    FUTURE_FLAG_NAMES.map((name) => [name, written[name] ?? false]),
  ) as FutureFlags;

  const global = globalSettings(doc, fields, futureFlags);
  if ("error" in global) return fail(global.error);
  const settings = global.settings;
  if (fields.setup !== undefined && !futureFlags.experimentalSetup) {
    return fail(
      errorAt(
        doc,
        "ERR_CONFIG_FEATURE_FLAG_REQUIRED",
        ["setup"],
        'The "setup" key requires "futureFlags.experimentalSetup" to be enabled.',
        'Add `"futureFlags": { "experimentalSetup": true }` to your root turbo.json.',
      ),
    );
  }
  const valueError = checkGlobalValues(doc, settings, futureFlags);
  if (valueError !== undefined) return fail(valueError);

  const read = readTasks(doc, fields);
  if ("error" in read) return fail(read.error);
  for (const [key, task] of read.tasks) {
    if (task.extends !== undefined) {
      return fail(
        errorAt(
          doc,
          "ERR_CONFIG_TASK_EXTENDS_IN_ROOT",
          ["tasks", key, "extends"],
          `The "extends" key on task "${key}" can only be used in Package Configurations.`,
          "Remove it from the root turbo.json; use a Package Configuration to opt a package out of a task.",
        ),
      );
    }
    if (options.singlePackage === true && isPackageTaskKey(key)) {
      return fail(
        errorAt(
          doc,
          "ERR_CONFIG_PACKAGE_TASK_SYNTAX",
          ["tasks", key],
          `Package tasks (<package>#<task>) are not allowed in single-package repositories: found ${key}`,
          `Rename the key to "${key.slice(key.indexOf("#") + 1)}".`,
        ),
      );
    }
  }

  const remoteCache = settings.remoteCache as TurboJsonRemoteCache | undefined;
  const teamId = remoteCache?.teamId;
  const effectiveTeamId = teamId?.startsWith("team_") === true ? teamId : undefined;
  if (teamId !== undefined && effectiveTeamId === undefined) {
    notices.push(
      `${path}: remoteCache.teamId ${JSON.stringify(teamId)} does not start with "team_", so it is not used.`,
    );
  }

  return ok({
    path,
    tasks: read.tasks,
    extends: [],
    tags: stringsField(fields, "tags"),
    boundaries: boundariesField(fields),
    schema: fields.$schema as string | undefined,
    globalDependencies: futureFlags.globalConfiguration
      ? []
      : (stringsField(settings, "globalDependencies") ?? []),
    globalInputs: stringsField(settings, "globalInputs") ?? [],
    globalEnv: stringsField(settings, "globalEnv") ?? [],
    globalPassThroughEnv: stringsField(settings, "globalPassThroughEnv") ?? null,
    envMode: settings.envMode as EnvMode | undefined,
    ui: settings.ui as UiMode | undefined,
    concurrency: settings.concurrency as string | undefined,
    cacheDir: settings.cacheDir as string | undefined,
    cacheMaxAge: settings.cacheMaxAge as string | undefined,
    cacheMaxSize: settings.cacheMaxSize as string | undefined,
    daemon: settings.daemon as boolean | undefined,
    noUpdateNotifier: settings.noUpdateNotifier as boolean | undefined,
    dangerouslyDisablePackageManagerCheck: settings.dangerouslyDisablePackageManagerCheck as
      boolean | undefined,
    agentGuidance: fields.agentGuidance as boolean | undefined,
    remoteCache,
    effectiveTeamId,
    futureFlags,
    experimentalObservability: settings.experimentalObservability,
    setup: fields.setup,
  });
}
