import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";

/**
 * The turbo binary a user of this repo runs: `node_modules/.bin/turbo` in `cwd` or a parent
 * directory (the repo's own install), else `turbo` on PATH. Undefined when there is none.
 */
export async function findTurbo(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const local = join(dir, "node_modules", ".bin", "turbo");
    if (await isExecutable(local)) return local;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const onPath = join(dir, "turbo");
    if (await isExecutable(onPath)) return onPath;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface TurboOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs turbo with `args` in `cwd`; never throws on a non-zero exit. */
export function runTurboBinary(
  turbo: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TurboOutput> {
  return new Promise((resolve) => {
    execFile(
      turbo,
      args,
      { cwd, env: { ...env, TURBO_NO_UPDATE_NOTIFIER: "1" }, maxBuffer: 1 << 30 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
