import { spawn } from "node:child_process";

import { RunnerError } from "./errors.js";
import { which } from "./process/which.js";

/**
 * Writes `file` with Graphviz, as turbo does for the formats it cannot render itself:
 * `dot -T<format> -o <file>` in `cwd`, the DOT text on stdin. Returns false, writing nothing,
 * when `dot` is not on `path`. A `dot` that fails is an error (turbo ignores its exit status and
 * reports the file as written).
 */
export async function renderWithGraphviz(input: {
  readonly dot: string;
  readonly format: string;
  readonly file: string;
  readonly cwd: string;
  readonly path: string | undefined;
}): Promise<boolean> {
  const command = which("dot", input.path);
  if (command === "dot") return false;
  const child = spawn(command, ["-T", input.format, "-o", input.file], {
    cwd: input.cwd,
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.on("error", () => undefined);
  child.stdin.end(input.dot);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code === 0) return true;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `Graphviz could not write ${input.file}: dot exited (${code ?? "signal"})`,
    { hint: stderr.trim() === "" ? undefined : stderr.trim() },
  );
}
