import { createRequire } from "node:module";

import type Gte from "semver/functions/gte.js";
import type Lt from "semver/functions/lt.js";
import type Satisfies from "semver/functions/satisfies.js";
import type Valid from "semver/functions/valid.js";
import type MinVersion from "semver/ranges/min-version.js";
import type ValidRange from "semver/ranges/valid.js";

// Named `require` so the CLI bundle can treat the `require("semver/...")` calls as bundled requires
// (see packages/cli/rolldown.config.mjs).
const require = createRequire(import.meta.url);

/**
 * The semver functions the workspace model uses, each loading its own semver module on first
 * call: `import "semver"` loads all ~50 modules at start-up, and a typical run needs only
 * `valid` (the `packageManager` field) because `*` ranges are decided without semver. Same
 * behaviour as the `semver` default export.
 */
export const semver = {
  gte: (a: string, b: string): boolean => (require("semver/functions/gte") as typeof Gte)(a, b),
  lt: (a: string, b: string): boolean => (require("semver/functions/lt") as typeof Lt)(a, b),
  satisfies: (version: string, range: string): boolean =>
    (require("semver/functions/satisfies") as typeof Satisfies)(version, range),
  valid: (version: string): string | null =>
    (require("semver/functions/valid") as typeof Valid)(version),
  minVersion: (range: string): ReturnType<typeof MinVersion> =>
    (require("semver/ranges/min-version") as typeof MinVersion)(range),
  validRange: (range: string): string | null =>
    (require("semver/ranges/valid") as typeof ValidRange)(range),
} as const;
