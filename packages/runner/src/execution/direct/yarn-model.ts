import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { PackageJson } from "@turbine/workspace";

import {
  type Chunk,
  type DirectTask,
  joinPath,
  listDir,
  type ManagerModel,
  middleOf,
  scalarText,
  scriptOf,
} from "./model.js";
import { prePost } from "./npm-model.js";
import { configuredShell, scriptShellSetting } from "./script-shell.js";
import { quoteSh } from "./shell-quote.js";

/**
 * Manifest keys yarn 1's manifest normalization leaves as they are (for the string and object
 * forms used here); a package with any other key runs through yarn, whose `npm_package_*`
 * variables come from the normalized manifest.
 */
const PLAIN_KEYS = new Set([
  "name",
  "version",
  "private",
  "description",
  "scripts",
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "optionalDependencies",
  "main",
  "module",
  "types",
  "typings",
  "type",
  "exports",
  "imports",
  "files",
  "sideEffects",
  "workspaces",
  "publishConfig",
  "packageManager",
  "license",
  "resolutions",
  "config",
  "turbo",
  "browserslist",
  "prettier",
  "eslintConfig",
]);

/** Files yarn 1's normalization reads from the package directory. */
const READ_FILES = /^(authors|licen[sc]e.*|notice.*|server\.js|binding\.gyp)$/i;

/**
 * yarn 1, after its `run` command and `execute-lifecycle-script.js`: `sh -c` (or
 * `script-shell`), `pre`/`post` always, args quoted with puka, every manifest field as
 * `npm_package_*`, and a folder of `node`/`yarn` wrappers first on PATH.
 */
export const yarnModel: ManagerModel = {
  probeName: "probe-shell",
  hookKeys: ["npm_config_script_shell"],

  unsupported(task) {
    if (existsSync(join(task.root, ".pnp.js"))) return "Plug'n'Play needs yarn's own loader";
    if (task.manifest.engines !== undefined) return "yarn checks `engines` before it runs a script";
    const key = Object.keys(task.manifest).find((k) => !PLAIN_KEYS.has(k) && !k.startsWith("_"));
    if (key !== undefined) return `yarn normalizes the manifest field \`${key}\``;
    const file = listDir(task.dir).find((f) => READ_FILES.test(f));
    if (file !== undefined) return `yarn reads \`${file}\` into the manifest`;
    if (typeof task.manifest.license !== "string" && task.manifest.license !== undefined) {
      return "yarn normalizes a `license` that is not a string";
    }
    return undefined;
  },

  probeHook: (probeShell) => ({ env: { npm_config_script_shell: probeShell } }),

  scriptVars(task, step) {
    const manifest = normalized(task);
    return {
      ...manifestVars(manifest),
      npm_lifecycle_event: step.event,
      npm_lifecycle_script: step.script,
      npm_config_argv: JSON.stringify({
        remain: [],
        cooked: ["run", step.event],
        original: ["run", task.script, ...(task.args.includes("--") ? ["--"] : []), ...task.args],
      }),
      INIT_CWD: task.dir,
    };
  },

  pathAdditions(path, task, originalPath) {
    const parts = path.split(":");
    const rest = middleOf(
      parts.slice(1).join(":"),
      [join(task.dir, "node_modules/.bin")],
      originalPath,
    );
    return rest;
  },

  path: (task, learned, originalPath) =>
    joinPath(
      [...learned.pathHead, join(task.dir, "node_modules/.bin"), ...learned.pathAdditions],
      originalPath,
    ),

  /** yarn 1's wrappers folder: `node` and `yarn` scripts for the node and yarn it runs on. */
  async setup(learned, dir) {
    const node = learned.overrides.NODE ?? "node";
    const yarn = learned.overrides.npm_execpath ?? "yarn";
    await mkdir(dir, { recursive: true });
    for (const [name, args] of [
      ["node", ""],
      ["yarn", ` "${yarn}"`],
    ] as const) {
      await writeFile(join(dir, name), `#!/bin/sh\n\nexec "${node}"${args} "$@"\n`, {
        mode: 0o755,
      });
    }
    return [dir];
  },

  steps(task) {
    return prePost(task.manifest, task.script, true, (event) => {
      const script = scriptOf(task.manifest, event);
      const args = event === task.script ? task.args : [];
      const command = `${script}${args.map((a) => ` ${quoteSh(a)}`).join("")}`;
      return { event, script, command, banner: [{ stream: "stdout", text: `$ ${command}\n` }] };
    });
  },

  opening(task, learned) {
    const version = /^yarn\/(\S+)/.exec(learned.overrides.npm_config_user_agent ?? "")?.[1] ?? "";
    const chunks: Chunk[] = [{ stream: "stdout", text: `yarn run v${version}\n` }];
    const { manifest } = task;
    if (manifest.license === undefined && manifest.private !== true) {
      chunks.push({ stream: "stderr", text: "warning package.json: No license field\n" });
    }
    return chunks;
  },

  success: (_task, durationMs) => [
    { stream: "stdout", text: `Done in ${(durationMs / 1000).toFixed(2)}s.\n` },
  ],

  failure: (_task, _step, exitCode) => [
    { stream: "stderr", text: `error Command failed with exit code ${exitCode}.\n` },
    {
      stream: "stdout",
      text: "info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.\n",
    },
  ],

  shell: (task, learned) => configuredShell(scriptShellSetting("yarn", task, learned), "sh"),

  normalizeOutput: (text) => text.replace(/^Done in \d+\.\d\ds\.$/m, "Done in 0.00s."),
};

/** The fields yarn 1's normalization adds to a manifest of plain keys: defaults and the README. */
function normalized(task: DirectTask): PackageJson {
  const manifest: Record<string, unknown> = { ...task.manifest };
  manifest.name = typeof manifest.name === "string" && manifest.name !== "" ? manifest.name : "";
  manifest.version =
    typeof manifest.version === "string" && manifest.version !== "" ? manifest.version : "";
  const readme = listDir(task.dir)
    .filter((f) => f.toLowerCase() === "readme" || f.toLowerCase().startsWith("readme."))
    .sort((a, b) => b.indexOf(".") - a.indexOf("."))
    .find((f) => isFile(join(task.dir, f)));
  if (readme !== undefined) {
    manifest.readmeFilename = readme;
    const text = readFileSync(join(task.dir, readme), "utf8");
    const description = typeof manifest.description === "string" ? manifest.description : "";
    if (description === "") {
      const found = extractDescription(text);
      if (found) manifest.description = found;
    }
  }
  return manifest;
}

/** yarn 1's `extractDescription`: the first paragraph after the first heading. */
function extractDescription(readme: string): string | undefined {
  if (readme === "") return undefined;
  const lines = readme
    .trim()
    .split("\n")
    .map((line) => line.trim());
  let start = 0;
  for (; start < lines.length; start++) {
    const line = lines[start] as string;
    if (line !== "" && /^(#|$)/.test(line)) {
      start++;
      break;
    }
  }
  while (start < lines.length && lines[start] === "") start++;
  let end = start;
  while (end < lines.length && lines[end] !== "") end++;
  return lines.slice(start, end).join(" ");
}

/** yarn 1's `npm_package_*`: every field, nested keys joined with `_`, non-word characters `_`. */
function manifestVars(manifest: PackageJson): Record<string, string> {
  const env: Record<string, string> = {};
  const ignored = new Set(["readme", "notice", "licenseText", "activationEvents", "contributes"]);
  const queue: [string, unknown][] = [["", manifest]];
  while (queue.length > 0) {
    const [key, value] = queue.pop() as [string, unknown];
    if (typeof value === "object") {
      if (value === null) continue;
      for (const sub of Object.keys(value)) {
        const full = [key, sub].filter(Boolean).join("_");
        if (full !== "" && !full.startsWith("_") && !ignored.has(full)) {
          queue.push([full, (value as Record<string, unknown>)[sub]]);
        }
      }
    } else {
      let text = scalarText(value);
      if (text.includes("\n")) text = JSON.stringify(text);
      env[`npm_package_${key.replace(/\W/g, "_")}`] = text;
    }
  }
  return env;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
