import type { RemoteCacheState } from "@turbine/runner";

export interface RunHeaderInput {
  /** Tool name and version, e.g. `turbine 0.1.0` (turbo prints `turbo 2.11.13`). */
  readonly product: string;
  readonly packagesInScope: readonly string[];
  readonly taskNames: readonly string[];
  readonly singlePackage: boolean;
  readonly remoteCache: RemoteCacheState;
}

const BULLET = "   \u2022 ";

/** turbo's run banner: a blank line, the bullet lines, a blank line. */
export function runHeader(input: RunHeaderInput): string[] {
  const count = input.packagesInScope.length;
  const lines = ["", `${BULLET}${input.product}`];
  if (!input.singlePackage)
    lines.push(`${BULLET}Packages in scope: ${input.packagesInScope.join(", ")}`);
  const where = input.singlePackage ? "" : ` in ${count} ${count === 1 ? "package" : "packages"}`;
  lines.push(`${BULLET}Running ${input.taskNames.join(", ")}${where}`);
  lines.push(`${BULLET}${input.remoteCache.text}`);
  lines.push("");
  return lines;
}
