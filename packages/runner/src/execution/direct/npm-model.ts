import type { PackageJson } from "@turbine/workspace";

import {
  ancestorBins,
  hasScript,
  joinPath,
  type ManagerModel,
  middleOf,
  scalarText,
  scriptOf,
  type Step,
} from "./model.js";
import { configuredShell, scriptShellSetting } from "./script-shell.js";
import { quoteSh } from "./shell-quote.js";

/**
 * npm (7 and later), after `@npmcli/run-script` and npm's `run` command: `sh -c` (or
 * `script-shell`), `pre`/`post` unless `ignore-scripts`, args appended with `escape.sh`, the
 * package variables of npm RFC 21 (`name`, `version`, `config`, `engines`, `bin`).
 */
export const npmModel: ManagerModel = {
  probeName: "probe-shell",
  hookKeys: ["npm_config_script_shell"],

  unsupported(task) {
    if (task.manifest.devEngines !== undefined) {
      return "npm checks `devEngines` before it runs a script";
    }
    return undefined;
  },

  probeHook: (probeShell) => ({ env: { npm_config_script_shell: probeShell } }),

  scriptVars(task, step) {
    return {
      ...packageVars(task.manifest),
      npm_package_json: `${task.dir}/package.json`,
      npm_lifecycle_event: step.event,
      npm_lifecycle_script: step.script,
      INIT_CWD: task.dir,
    };
  },

  pathAdditions: (path, task, originalPath) => middleOf(path, ancestorBins(task.dir), originalPath),

  path: (task, learned, originalPath) =>
    joinPath([...ancestorBins(task.dir), ...learned.pathAdditions], originalPath),

  steps(task, runsPrePost) {
    const id = npmId(task.manifest);
    const step = (event: string, args: readonly string[]): Step => {
      const script = scriptOf(task.manifest, event);
      const shown = `> ${script.trim().replace(/\n/g, "\n> ")}${args.length > 0 ? ` ${args.join(" ")}` : ""}`;
      return {
        event,
        script,
        command: [script, ...args.map(quoteSh)].join(" "),
        banner: [
          {
            stream: "stdout",
            text: `\n> ${id === undefined ? "" : `${id} `}${event}\n${shown}\n\n`,
          },
        ],
      };
    };
    return prePost(task.manifest, task.script, runsPrePost, (event) =>
      step(event, event === task.script ? task.args : []),
    );
  },

  opening: () => [],
  success: () => [],

  failure(task, step, exitCode, shell) {
    const id = npmId(task.manifest) ?? task.manifest.name ?? "";
    const lines = task.isRoot
      ? [
          `code ${exitCode}`,
          `path ${task.dir}`,
          `command failed`,
          `command ${shell} -c ${step.command}`,
        ]
      : [
          `Lifecycle script \`${task.script}\` failed with error:`,
          `code ${exitCode}`,
          `path ${task.dir}`,
          `workspace ${id}`,
          `location ${task.dir}`,
          `command failed`,
          `command ${shell} -c ${step.command}`,
        ];
    return [{ stream: "stderr", text: lines.map((l) => `npm error ${l}\n`).join("") }];
  },

  shell: (task, learned) => configuredShell(scriptShellSetting("npm", task, learned), "sh"),
};

/** `pre<script>`, the script, `post<script>`: the ones that exist, when the manager runs them. */
export function prePost(
  manifest: PackageJson,
  script: string,
  runsPrePost: boolean,
  step: (event: string) => Step,
  allowed: (event: string) => boolean = () => true,
): Step[] {
  const steps: Step[] = [];
  const hook = (event: string): void => {
    if (runsPrePost && hasScript(manifest, event) && allowed(event)) steps.push(step(event));
  };
  hook(`pre${script}`);
  steps.push(step(script));
  hook(`post${script}`);
  return steps;
}

/** npm's `_id`: `name@version` when both are set. */
function npmId(manifest: PackageJson): string | undefined {
  const { name, version } = manifest;
  return typeof name === "string" && name !== "" && typeof version === "string" && version !== ""
    ? `${name}@${version}`
    : undefined;
}

/** `@npmcli/run-script`'s `package-envs.js` over the manifest as `@npmcli/package-json` normalizes it. */
function packageVars(manifest: PackageJson): Record<string, string> {
  const env: Record<string, string> = {};
  flatten(
    {
      name: manifest.name,
      version: manifest.version,
      config: manifest.config,
      engines: manifest.engines,
      bin: normalizeBin(manifest),
    },
    "npm_package_",
    env,
  );
  return env;
}

function flatten(
  values: Record<string, unknown>,
  prefix: string,
  env: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (value === null || value === false) env[`${prefix}${key}`] = "";
    else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        flatten({ [`${key}_${index}`]: item }, prefix, env);
      });
    } else if (typeof value === "object")
      flatten(value as Record<string, unknown>, `${prefix}${key}_`, env);
    else env[`${prefix}${key}`] = scalarText(value);
  }
}

/** `npm-normalize-package-bin`: a string or array becomes `{ name: path }`, paths cleaned. */
function normalizeBin(manifest: PackageJson): Record<string, string> | undefined {
  let bin: unknown = manifest.bin;
  if (typeof bin === "string") {
    if (typeof manifest.name !== "string" || manifest.name === "") return undefined;
    bin = { [manifest.name]: bin };
  } else if (Array.isArray(bin)) {
    bin = Object.fromEntries(bin.map((b: unknown) => [String(b).split("/").pop() ?? "", b]));
  }
  if (typeof bin !== "object" || bin === null) return undefined;
  const clean: Record<string, string> = {};
  for (const [key, target] of Object.entries(bin as Record<string, unknown>)) {
    const base = posixJoin(key.replace(/\\|:/g, "/").split("/").pop() ?? "");
    if (typeof target !== "string" || base === "") continue;
    const cleanTarget = posixJoin(target.replace(/\\/g, "/"));
    if (cleanTarget !== "") clean[base] = cleanTarget;
  }
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/** `path.join('/', p).slice(1)`: resolves `.` and `..` without leaving the root. */
function posixJoin(p: string): string {
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
