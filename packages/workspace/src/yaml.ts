import { createRequire } from "node:module";

import type * as YamlModule from "yaml";

import { readBlockYaml } from "./block-yaml.js";

type ParseOptions = Parameters<typeof YamlModule.parse>[2];

// Named `require` so the CLI bundle can treat `require("yaml")` as a bundled require (see
// packages/cli/rolldown.config.mjs).
const require = createRequire(import.meta.url);

/**
 * `yaml`'s `parse`. Text in the plain block subset package managers write is read by
 * readBlockYaml, which returns what `yaml` does without its document model (with the failsafe
 * schema of lockfiles, or the default core schema when every scalar is a string); anything else
 * goes to `yaml`. The library is loaded on first use: most runs never need it, and it costs tens
 * of milliseconds of start-up. Loaded the CommonJS way so the call stays synchronous.
 */
export function parseYaml(text: string, options?: ParseOptions): unknown {
  const schema = options?.schema ?? "core";
  if (schema === "failsafe" || schema === "core") {
    const fast = readBlockYaml(text, schema);
    if (fast !== undefined) return fast;
  }
  const yaml = require("yaml") as typeof YamlModule;
  return yaml.parse(text, options);
}
