import { join } from "node:path";

import { which } from "../../process/which.js";
import { ancestorBins, joinPath, listDir, type ManagerModel, middleOf, scriptOf } from "./model.js";
import { prePost } from "./npm-model.js";
import { quoteBun } from "./shell-quote.js";

/** Scripts bun rewrites to `bun run` / `bun x` before running them. */
const REWRITTEN = /(^|[\s"'])(npm run |pnpm run |yarn |npx )/;

/**
 * bun, as observed: the first of `bash`, `sh`, `zsh` on PATH, `pre`/`post` scripts, args quoted
 * with double quotes, `$ command` on stderr, the package's `node_modules/.bin` then every
 * ancestor's (its own twice).
 */
export const bunModel: ManagerModel = {
  probeName: "bash",
  hookKeys: [],

  unsupported(task) {
    const dotenv = listDir(task.dir).find((f) => f.startsWith(".env") || f === "bunfig.toml");
    if (dotenv !== undefined) return `bun reads \`${dotenv}\` into the script's environment`;
    if (listDir(task.root).includes("bunfig.toml")) return "bun reads `bunfig.toml`";
    const script = scriptOf(task.manifest, task.script);
    if (REWRITTEN.test(script)) return "bun rewrites package manager commands in the script";
    return undefined;
  },

  probeHook: (probeShell) => ({
    env: {},
    pathPrefix: probeShell.slice(0, probeShell.lastIndexOf("/")),
  }),

  scriptVars(task, step) {
    const { name, version } = task.manifest;
    return {
      ...configVars(task.manifest.config),
      npm_package_json: join(task.dir, "package.json"),
      ...(typeof name === "string" && name !== "" ? { npm_package_name: name } : {}),
      ...(typeof version === "string" && version !== "" ? { npm_package_version: version } : {}),
      npm_lifecycle_event: step.event,
      npm_lifecycle_script: step.script,
      npm_config_local_prefix: task.dir,
    };
  },

  pathAdditions: (path, task, originalPath) =>
    middleOf(path, [join(task.dir, "node_modules/.bin"), ...ancestorBins(task.dir)], originalPath),

  path: (task, learned, originalPath) =>
    joinPath(
      [join(task.dir, "node_modules/.bin"), ...ancestorBins(task.dir), ...learned.pathAdditions],
      originalPath,
    ),

  steps(task, runsPrePost) {
    return prePost(task.manifest, task.script, runsPrePost, (event) => {
      const script = scriptOf(task.manifest, event);
      const args = event === task.script ? task.args : [];
      const command = `${script}${args.map((a) => ` ${quoteBun(a)}`).join("")}`;
      return { event, script, command, banner: [{ stream: "stderr", text: `$ ${command}\n` }] };
    });
  },

  opening: () => [],
  success: () => [],
  failure: (_task, step, exitCode) => [
    { stream: "stderr", text: `error: script "${step.event}" exited with code ${exitCode}\n` },
  ],

  shell(_task, _learned, scriptPath) {
    for (const name of ["bash", "sh", "zsh"]) {
      const found = which(name, scriptPath);
      if (found !== name) return { shell: found, vars: {} };
    }
    return undefined;
  },
};

/** bun exports the string values of `config`, keys as written (observed). */
function configVars(config: unknown): Record<string, string> {
  if (typeof config !== "object" || config === null) return {};
  return Object.fromEntries(
    Object.entries(config)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([key, value]) => [`npm_package_config_${key}`, value]),
  );
}
