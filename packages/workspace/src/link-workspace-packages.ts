import type { PackageManagerVariant } from "./types.js";
import { parsePnpmWorkspace } from "./workspace-globs.js";
import { parseYaml } from "./yaml.js";

/** The config files that decide whether a plain semver spec links a workspace package. */
export interface LinkSettingsFiles {
  readonly npmrc?: string | undefined;
  readonly pnpmWorkspaceYaml?: string | undefined;
  readonly yarnrcYml?: string | undefined;
}

/**
 * turbo's `link_workspace_packages`: pnpm 9 defaults to false (pnpm-workspace.yaml
 * `linkWorkspacePackages` wins over .npmrc `link-workspace-packages`), older pnpm reads .npmrc and
 * defaults to true, berry follows `enableTransparentWorkspaces` (default true), others are true.
 */
export function linkWorkspacePackages(
  pm: PackageManagerVariant,
  files: LinkSettingsFiles,
): boolean {
  switch (pm) {
    case "pnpm9": {
      const fromYaml = yamlSetting(
        parsePnpmWorkspace(files.pnpmWorkspaceYaml)?.linkWorkspacePackages,
      );
      return fromYaml ?? npmrcSetting(files.npmrc) ?? false;
    }
    case "pnpm":
    case "pnpm6":
      return npmrcSetting(files.npmrc) ?? true;
    case "berry":
      return yarnrcSetting(files.yarnrcYml) ?? true;
    case "npm":
    case "yarn":
    case "bun":
      return true;
  }
}

function yamlSetting(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value === "deep";
  return undefined;
}

function npmrcSetting(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  let result: boolean | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*link-workspace-packages\s*=\s*(\S+)\s*$/.exec(line);
    if (match?.[1] === "true") result = true;
    else if (match?.[1] === "false") result = false;
  }
  return result;
}

function yarnrcSetting(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  try {
    const doc: unknown = parseYaml(text);
    if (typeof doc !== "object" || doc === null) return undefined;
    const value = (doc as Record<string, unknown>).enableTransparentWorkspaces;
    return typeof value === "boolean" ? value : undefined;
  } catch {
    return undefined;
  }
}
