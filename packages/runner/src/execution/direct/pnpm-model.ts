import { existsSync } from "node:fs";
import { join } from "node:path";

import { joinPath, type ManagerModel, middleOf, scalarText, scriptOf, type Step } from "./model.js";
import { prePost } from "./npm-model.js";
import { configuredShell, scriptShellSetting } from "./script-shell.js";
import { quoteShlex } from "./shell-quote.js";

/**
 * pnpm (7 and later), after its `run` command and `@pnpm/npm-lifecycle`: `sh -c` (or
 * `script-shell`), `pre`/`post` with `enable-pre-post-scripts` unless the script names them
 * itself, args appended with shlex quoting, `PNPM_SCRIPT_SRC_DIR`.
 */
export const pnpmModel: ManagerModel = {
  probeName: "probe-shell",
  hookKeys: ["npm_config_script_shell"],

  unsupported(task) {
    const pnpm = task.manifest.pnpm as { executionEnv?: unknown } | undefined;
    if (pnpm?.executionEnv !== undefined)
      return "pnpm runs this package with its own Node.js (`executionEnv`)";
    if (/^\/.+\/$/.test(task.script)) return "pnpm reads a task name between slashes as a pattern";
    if (scriptOf(task.manifest, task.script) === "npx only-allow pnpm")
      return "pnpm skips `npx only-allow pnpm`";
    if (existsSync(join(task.root, ".pnp.cjs"))) return "Plug'n'Play needs pnpm's own loader";
    return undefined;
  },

  probeHook: (probeShell) => ({ env: { npm_config_script_shell: probeShell } }),

  scriptVars(task, step) {
    return {
      ...packageVars(task.manifest, "npm_package_"),
      npm_package_json: join(task.dir, "package.json"),
      npm_lifecycle_event: step.event,
      npm_lifecycle_script: step.command,
      INIT_CWD: task.dir,
      PNPM_SCRIPT_SRC_DIR: task.dir,
    };
  },

  pathAdditions: (path, task, originalPath) => middleOf(path, [binOf(task.dir)], originalPath),
  path: (task, learned, originalPath) =>
    joinPath([binOf(task.dir), ...learned.pathAdditions], originalPath),

  steps(task, runsPrePost) {
    const id = `${task.manifest.name ?? ""}@${task.manifest.version ?? ""}`;
    const main = scriptOf(task.manifest, task.script);
    const step = (event: string): Step => {
      const script = scriptOf(task.manifest, event);
      const args = event === task.script && task.args.length > 0 ? task.args : [];
      const command = args.length > 0 ? `${script} ${args.map(quoteShlex).join(" ")}` : script;
      return {
        event,
        script,
        command,
        banner: [{ stream: "stdout", text: `\n> ${id} ${event} ${task.dir}\n> ${command}\n\n` }],
      };
    };
    return prePost(task.manifest, task.script, runsPrePost, step, (event) => !main.includes(event));
  },

  opening: () => [],
  success: () => [],

  failure(task, _step, exitCode) {
    const chunks = [
      {
        stream: "stderr" as const,
        text: `\u2009ELIFECYCLE\u2009 Command failed with exit code ${exitCode}.\n`,
      },
    ];
    if (!existsSync(join(task.dir, "node_modules"))) {
      chunks.push({
        stream: "stderr",
        text: "\u2009WARN\u2009  Local package.json exists, but node_modules missing, did you mean to install?\n",
      });
    }
    return chunks;
  },

  shell: (task, learned) => {
    if (learned.overrides.npm_config_shell_emulator === "true") return undefined;
    return configuredShell(scriptShellSetting("pnpm", task, learned), "sh");
  },
};

/** pnpm's `extendPath` for a package that is not inside node_modules. */
function binOf(dir: string): string {
  return join(dir, "node_modules", ".bin");
}

/** `@pnpm/npm-lifecycle`'s `makeEnv` over `name`, `version`, `config`, `engines` and `bin`. */
function packageVars(
  data: Record<string, unknown>,
  prefix: string,
  env: Record<string, string> = {},
): Record<string, string> {
  const top = prefix === "npm_package_";
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith("_")) continue;
    if (top && !["name", "version", "config", "engines", "bin"].includes(key)) continue;
    const envKey = `${prefix}${key}`.replace(/[^a-zA-Z0-9_]/g, "_");
    if (value !== null && typeof value === "object")
      packageVars(value as Record<string, unknown>, `${envKey}_`, env);
    else {
      const text = scalarText(value);
      env[envKey] = text.includes("\n") ? JSON.stringify(text) : text;
    }
  }
  return env;
}
