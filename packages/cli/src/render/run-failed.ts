import type { RunOutcome } from "@turbine/runner";

/**
 * The run's closing ERROR line. turbo prints `run failed: command  exited (<code>)` with the
 * command left empty; Turbine names the task whose failure set the exit code and why it failed:
 * its `command (<dir>) <pm> run <script> exited (<code>)` text, or what kept it from running.
 */
export function runFailedLine(outcome: Pick<RunOutcome, "exitCode" | "results">): string {
  let chosen: { id: string; message: string | undefined; reason: string } | undefined;
  for (const [id, result] of outcome.results) {
    if (result.status !== "failure") continue;
    const decisive = result.exitCode === outcome.exitCode && result.reason !== "cancelled";
    if (chosen === undefined || decisive)
      chosen = { id, message: result.message, reason: result.reason };
    if (decisive) break;
  }
  if (chosen === undefined) {
    return ` ERROR  run failed: the run was stopped before its tasks finished (exit ${String(outcome.exitCode)})`;
  }
  if (chosen.message?.startsWith("command (") === true)
    return ` ERROR  run failed: ${chosen.message}`;
  const why = chosen.message ?? (chosen.reason === "cancelled" ? "cancelled" : chosen.reason);
  return ` ERROR  run failed: ${chosen.id}: ${why}`;
}
