import type { WorkspaceError } from "../errors.js";
import { errorAt } from "./error-at.js";
import type { JsoncDocument } from "./jsonc-document.js";
import type { Fields } from "./read-tasks.js";
import type { FutureFlags } from "./turbo-json.js";

/** Top-level keys that move under `global` with `futureFlags.globalConfiguration` (old -> new). */
export const GLOBAL_KEY_MOVES: Readonly<Record<string, string>> = {
  globalDependencies: "inputs",
  globalEnv: "env",
  globalPassThroughEnv: "passThroughEnv",
  ui: "ui",
  envMode: "envMode",
  cacheDir: "cacheDir",
  cacheMaxAge: "cacheMaxAge",
  cacheMaxSize: "cacheMaxSize",
  concurrency: "concurrency",
  daemon: "daemon",
  noUpdateNotifier: "noUpdateNotifier",
  dangerouslyDisablePackageManagerCheck: "dangerouslyDisablePackageManagerCheck",
  remoteCache: "remoteCache",
  experimentalObservability: "experimentalObservability",
};

/**
 * The global settings with the `global` block folded in, after turbo's flag rules: `global` needs
 * `futureFlags.globalConfiguration`, and with the flag the old top-level keys are errors.
 */
export function globalSettings(
  doc: JsoncDocument,
  fields: Fields,
  flags: FutureFlags,
): { settings: Fields } | { error: WorkspaceError } {
  const global = fields.global as Fields | undefined;
  if (!flags.globalConfiguration) {
    if (global !== undefined) {
      return {
        error: errorAt(
          doc,
          "ERR_CONFIG_FEATURE_FLAG_REQUIRED",
          ["global"],
          'The "global" key requires "futureFlags.globalConfiguration" to be enabled.',
          'Add `"futureFlags": { "globalConfiguration": true }` to your root turbo.json.',
        ),
      };
    }
    return { settings: fields };
  }
  for (const [old, moved] of Object.entries(GLOBAL_KEY_MOVES)) {
    if (fields[old] !== undefined) {
      const rename = old === moved ? "" : ` as "${moved}"`;
      return {
        error: errorAt(
          doc,
          "ERR_CONFIG_MISPLACED_KEY",
          [old],
          `When "futureFlags.globalConfiguration" is enabled, "${old}" should be placed inside the "global" key${rename}.`,
          'Move the value to "global" and remove it from the top level.',
        ),
      };
    }
  }
  const settings: Record<string, unknown> = { ...fields };
  for (const [old, moved] of Object.entries(GLOBAL_KEY_MOVES)) {
    if (old !== "globalDependencies") settings[old] = global?.[moved];
  }
  settings.globalInputs = global?.inputs;
  return { settings };
}

/**
 * Checks values that are strings in the schema but have a grammar: cacheDir, concurrency.
 * `cacheMaxAge` / `cacheMaxSize` are checked where they are used (`@turbine/cache`), because
 * `TURBO_CACHE_MAX_AGE` / `TURBO_CACHE_MAX_SIZE` win over them: turbo never looks at a turbo.json
 * value the variable replaces.
 */
export function checkGlobalValues(
  doc: JsoncDocument,
  settings: Fields,
  flags: FutureFlags,
): WorkspaceError | undefined {
  const where = (key: string): string[] =>
    flags.globalConfiguration ? ["global", GLOBAL_KEY_MOVES[key] ?? key] : [key];
  const cacheDir = settings.cacheDir as string | undefined;
  if (cacheDir !== undefined && (cacheDir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(cacheDir))) {
    return errorAt(
      doc,
      "ERR_CONFIG_INVALID_VALUE",
      where("cacheDir"),
      `found absolute path in \`cacheDir\` (got ${JSON.stringify(cacheDir)})`,
      "Make `cacheDir` a relative unix path; if absolute paths are required, use `--cache-dir` or `TURBO_CACHE_DIR`.",
    );
  }
  const concurrency = settings.concurrency as string | undefined;
  if (concurrency !== undefined && !isConcurrency(concurrency)) {
    return errorAt(
      doc,
      "ERR_CONFIG_INVALID_VALUE",
      where("concurrency"),
      `concurrency must be an integer >= 1 or a percentage between 1% and 100% (got ${JSON.stringify(concurrency)})`,
    );
  }
  return undefined;
}

function isConcurrency(value: string): boolean {
  if (value.endsWith("%")) {
    const percent = Number(value.slice(0, -1));
    return value.length > 1 && Number.isFinite(percent) && percent > 0 && percent <= 100;
  }
  return /^\d+$/.test(value) && Number(value) >= 1;
}
