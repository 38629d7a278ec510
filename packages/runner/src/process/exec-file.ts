import { execFile } from "node:child_process";

/**
 * `execFile` as a promise of its stdout (UTF-8); rejects with execFile's error. Written out rather
 * than `promisify(execFile)`: `node:util` loads some thirty internal modules (~5 ms) that no
 * other part of a run needs.
 */
export function execFileText(
  file: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly maxBuffer?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...options, encoding: "utf8" },
      (error: Error | null, stdout: string) => {
        if (error === null) resolve(stdout);
        else reject(error);
      },
    );
  });
}
