import type { DryRunDocument, TaskComparison } from "./compare-dry-runs.js";

/** The turbo versions whose hashes Turbine reproduces. */
export const MATCHED_TURBO_VERSIONS: readonly string[] = ["2.11.11", "2.11.13"];

export interface DoctorReportInput {
  /** Where the turbo binary is, and what `turbo --version` printed. */
  readonly turbo: string;
  readonly version: string;
  readonly tasks: readonly string[];
  readonly turboRun: DryRunDocument;
  readonly turbineRun: DryRunDocument;
  readonly comparisons: readonly TaskComparison[];
}

/** The lines `turbine doctor` prints: a header, one line per task, and a summary. */
export function renderDoctorReport(input: DoctorReportInput): string[] {
  const lines = [
    `turbine doctor: comparing task hashes with turbo ${input.version} (${input.turbo})`,
  ];
  if (!MATCHED_TURBO_VERSIONS.includes(input.version)) {
    lines.push(
      `  note: Turbine hashes like turbo ${MATCHED_TURBO_VERSIONS.join(" and ")}; other versions may hash differently`,
    );
  }
  lines.push(`  tasks: ${input.tasks.join(", ")}`, "");
  const global = differingGlobalInputs(input.turboRun, input.turbineRun);
  if (global.length > 0) lines.push(`  global hash inputs differ: ${global.join(", ")}`, "");
  const width = Math.max(0, ...input.comparisons.map((c) => c.taskId.length));
  for (const c of input.comparisons) lines.push(`  ${taskLine(c, width)}`);
  const same = input.comparisons.filter((c) => c.status === "same").length;
  const total = input.comparisons.length;
  lines.push("");
  lines.push(
    same === total
      ? `All ${total} tasks hash like turbo: Turbine and turbo share their cache entries.`
      : `${same} of ${total} tasks hash like turbo (those share cache entries); ${total - same} do not.`,
  );
  return lines;
}

function taskLine(c: TaskComparison, width: number): string {
  const id = c.taskId.padEnd(width);
  switch (c.status) {
    case "same":
      return `same       ${id}  ${c.hash}`;
    case "only-turbo":
      return `missing    ${id}  in Turbine's run only`;
    case "only-turbine":
      return `extra      ${id}  in turbo's run only`;
    case "different": {
      const what = c.differences.map((d) =>
        d === "files" && c.files.length > 0 ? `files (${c.files.join(", ")})` : d,
      );
      const detail = what.length > 0 ? what.join(", ") : "an input the dry run does not show";
      return `DIFFERENT  ${id}  turbo ${c.turboHash}, turbine ${c.turbineHash}: ${detail}`;
    }
  }
}

/** The keys of `globalCacheInputs` (and the run's env mode) that differ. */
function differingGlobalInputs(turbo: DryRunDocument, turbine: DryRunDocument): string[] {
  const a = record(turbo.globalCacheInputs);
  const b = record(turbine.globalCacheInputs);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
  if (turbo.envMode !== turbine.envMode) keys.push("envMode");
  if (turbo.frameworkInference !== turbine.frameworkInference) keys.push("frameworkInference");
  return keys;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
