import { readFileSync } from "node:fs";
import { join } from "node:path";

import { parse as parseIni } from "ini";

import type { DirectTask, Learned, ScriptShell } from "./model.js";

/** A `script-shell` setting: its value and whether it came from the environment. */
export interface ShellSetting {
  readonly shell: string;
  readonly fromEnv: boolean;
}

/**
 * The package manager's `script-shell`, read where the manager reads it: the environment, then
 * the repo's, the user's and the global rc files (npm and pnpm: `.npmrc`; yarn 1: `.yarnrc`,
 * then `.npmrc`). `null` when none is set; undefined when one is set in a way Turbine does not
 * read with certainty (a `${VAR}` reference, or pnpm-workspace.yaml), so the task falls back.
 */
export function scriptShellSetting(
  manager: "npm" | "pnpm" | "yarn",
  task: DirectTask,
  learned: Learned,
): ShellSetting | null | undefined {
  const names =
    manager === "npm"
      ? ["npm_config_script_shell"]
      : manager === "pnpm"
        ? ["npm_config_script_shell", "pnpm_config_script_shell"]
        : ["npm_config_script_shell", "yarn_script_shell"];
  for (const [key, value] of Object.entries(task.env)) {
    if (names.includes(key.toLowerCase()) && value !== "") return checked(value, true);
  }
  if (
    manager === "pnpm" &&
    /^scriptShell\s*:/m.test(read(join(task.root, "pnpm-workspace.yaml")))
  ) {
    return undefined;
  }
  const home = task.env.HOME ?? "";
  if (manager === "yarn") {
    for (const file of [join(task.root, ".yarnrc"), join(home, ".yarnrc")]) {
      const match = /^\s*script-shell\s+"?([^"\n]*)"?\s*$/m.exec(read(file));
      if (match !== null) return checked(match[1] ?? "", false);
    }
  }
  const rcFiles = [
    join(task.root, ".npmrc"),
    learned.overrides.npm_config_userconfig ?? join(home, ".npmrc"),
    ...(learned.overrides.npm_config_globalconfig === undefined
      ? []
      : [learned.overrides.npm_config_globalconfig]),
  ];
  for (const file of rcFiles) {
    const value = (parseIni(read(file)) as Record<string, unknown>)["script-shell"];
    if (typeof value === "string" && value !== "") return checked(value, false);
  }
  return null;
}

function checked(value: string, fromEnv: boolean): ShellSetting | undefined {
  return value.includes("${") ? undefined : { shell: value, fromEnv };
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The shell of `setting`, or `fallback`; a setting read from a file is exported as the manager does. */
export function configuredShell(
  setting: ShellSetting | null | undefined,
  fallback: string,
): ScriptShell | undefined {
  if (setting === undefined) return undefined;
  if (setting === null) return { shell: fallback, vars: {} };
  return {
    shell: setting.shell,
    vars: setting.fromEnv ? {} : { npm_config_script_shell: setting.shell },
  };
}
