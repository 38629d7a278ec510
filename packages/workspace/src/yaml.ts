import { createRequire } from "node:module";

import type * as YamlModule from "yaml";

type ParseOptions = Parameters<typeof YamlModule.parse>[2];

// Named `require` so the CLI bundle can treat `require("yaml")` as a bundled require (see
// packages/cli/rolldown.config.mjs).
const require = createRequire(import.meta.url);

/**
 * `yaml`'s `parse`, loaded on first use: only pnpm and berry repos have YAML to read, and the
 * library costs every other run tens of milliseconds of start-up. Loaded the CommonJS way so the
 * call stays synchronous.
 */
export function parseYaml(text: string, options?: ParseOptions): unknown {
  const yaml = require("yaml") as typeof YamlModule;
  return yaml.parse(text, options);
}
