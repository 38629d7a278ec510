export type { DoctorFlags, GlobalFlags, LsFlags, ParsedCommand, RunFlags } from "./args/flags.js";
export { normalizeArgv, type NormalizedArgv } from "./args/normalize-argv.js";
export { parseArgv, type ParseIo } from "./args/parse-argv.js";
export { CoalescedOutput, type WritableText } from "./coalesced-output.js";
export {
  compareDryRuns,
  type DryRunDocument,
  type DryRunTask,
  type HashInput,
  type TaskComparison,
} from "./doctor/compare-dry-runs.js";
export { formatError } from "./format-error.js";
export type { CliIo, CliResult } from "./io.js";
export { main } from "./main.js";
export { dryText, type DryTextInput } from "./render/dry-text.js";
export { formatDuration } from "./render/format-duration.js";
export { LogRenderer, type LogRendererOptions, statusLine } from "./render/log-renderer.js";
export { runFooter, type RunFooterInput } from "./render/run-footer.js";
export { runHeader, type RunHeaderInput } from "./render/run-header.js";
export { StatusLine } from "./render/status-line.js";
export { CLI_VERSION } from "./version.js";
