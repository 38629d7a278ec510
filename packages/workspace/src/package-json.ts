import { describeError } from "@turbine/errors";

import { WorkspaceError } from "./errors.js";
import type { PackageJson } from "./types.js";

/**
 * Parses package.json text. `file` names the file in the error message (repo-relative is best).
 * Dependency maps keep only string values, the way turbo's serde model drops nothing it reads.
 */
export function parsePackageJson(text: string, file: string): PackageJson {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (error) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_PACKAGE_JSON",
      `${file}: unable to parse package.json (${describeError(error)})`,
      { file, cause: error, hint: "Fix the JSON syntax of this package.json." },
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_PACKAGE_JSON",
      `${file}: package.json must contain a JSON object`,
      { file, hint: 'Replace the file\'s content with an object such as {"name": "pkg"}.' },
    );
  }
  return value as PackageJson;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A dependency map with only string values (anything else in the JSON is ignored). */
export function dependencyMap(value: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [name, spec] of Object.entries(value)) {
    if (typeof spec === "string") out[name] = spec;
  }
  return out;
}

/**
 * The dependencies turbo considers for edges and closure seeds, in turbo's order:
 * devDependencies, then optionalDependencies, then dependencies (a later field wins a name clash).
 * peerDependencies are never included.
 */
export function declaredDependencies(pkg: PackageJson): [string, string][] {
  return [
    ...Object.entries(dependencyMap(pkg.devDependencies)),
    ...Object.entries(dependencyMap(pkg.optionalDependencies)),
    ...Object.entries(dependencyMap(pkg.dependencies)),
  ];
}
