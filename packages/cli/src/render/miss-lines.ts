import { describeMissReasons, type MissExplanation } from "@turbine/runner";

/** `--explain`'s lines for one task (after the `pkg:task: ` prefix): `why: <reason>`, one each. */
export function missLines(explanation: MissExplanation): string[] {
  return describeMissReasons(explanation.reasons).map((reason) => `why: ${reason}`);
}
