import { describeMissReasons, why } from "@turbine/runner";

import type { WhyFlags } from "./args/flags.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";
import { repoOptions } from "./run-options.js";

/** `turbine why`'s exit code when the task would miss (0: it would hit, 1: an error). */
export const WHY_MISS_EXIT_CODE = 2;

/**
 * `turbine why <package>#<task>`: one line when the task would hit or when one reason explains
 * the miss, else a header and one indented line per reason. Exit 0 on a hit (or nothing to run),
 * 2 on a miss.
 */
export async function whyCommand(flags: WhyFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  const outcome = await why({
    ...repoOptions(flags.global, io),
    task: flags.task,
    passThroughArgs: flags.passThroughArgs,
    singlePackage: flags.singlePackage,
    ...(flags.against === undefined ? {} : { against: flags.against }),
  });
  const head = `${outcome.taskId}: `;
  let exitCode = 0;
  switch (outcome.verdict) {
    case "hit":
      out(`${head}cache hit (${outcome.source.toLowerCase()}) ${outcome.hash}`);
      break;
    case "no-script":
      out(`${head}nothing to run (no such script) ${outcome.hash}`);
      break;
    case "miss": {
      exitCode = WHY_MISS_EXIT_CODE;
      const reasons = describeMissReasons(outcome.explanation.reasons);
      const previous = outcome.explanation.previous;
      if (reasons.length === 1) {
        out(`${head}cache miss ${outcome.hash}: ${reasons[0] ?? ""}`);
        break;
      }
      out(`${head}cache miss ${outcome.hash}`);
      if (previous !== null) {
        out(`  last run: ${previous.recordedAt}, ${previous.status}, ${previous.hash}`);
      }
      for (const reason of reasons) out(`  ${reason}`);
    }
  }
  for (const warning of outcome.warnings) err(` WARNING  ${warning}`);
  return { exitCode };
}
