import type { RemoteCacheState } from "@turbine/runner";

import type { RunLog } from "./run-log.js";

export interface RunHeaderInput {
  /** Tool name and version, e.g. `turbine 0.1.0` (turbo prints `turbo 2.11.13`). */
  readonly product: string;
  readonly packagesInScope: readonly string[];
  readonly taskNames: readonly string[];
  readonly singlePackage: boolean;
  readonly remoteCache: RemoteCacheState;
}

const BULLET = "   \u2022 ";

/**
 * turbo's run banner, line by line: a blank line, the bullet lines, a blank line. A remote cache
 * that is unavailable is a warning (stderr), not a bullet of the banner, as turbo prints it.
 */
export function runHeader(input: RunHeaderInput): HeaderLine[] {
  const count = input.packagesInScope.length;
  const info = (text: string): HeaderLine => ({ text, warn: false });
  const lines = [info(""), info(`${BULLET}${input.product}`)];
  if (!input.singlePackage)
    lines.push(info(`${BULLET}Packages in scope: ${input.packagesInScope.join(", ")}`));
  const where = input.singlePackage ? "" : ` in ${count} ${count === 1 ? "package" : "packages"}`;
  lines.push(info(`${BULLET}Running ${input.taskNames.join(", ")}${where}`));
  lines.push({
    text: `${BULLET}${input.remoteCache.text}`,
    warn: input.remoteCache.level === "warn",
  });
  lines.push(info(""));
  return lines;
}

/** One banner line; `warn` lines go to stderr as ` WARNING  <text>`. */
export interface HeaderLine {
  readonly text: string;
  readonly warn: boolean;
}

/** Writes the banner to a run log. */
export function writeRunHeader(input: RunHeaderInput, log: Pick<RunLog, "info" | "warn">): void {
  for (const line of runHeader(input)) {
    if (line.warn) log.warn(line.text);
    else log.info(line.text);
  }
}
