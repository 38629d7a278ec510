/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export {
  type CommandCall,
  type GlobalFlags,
  type ParsedCommand,
  type RunFlags,
} from "./args/flags.js";
export { parseArgv, type ParseIo } from "./args/parse-argv.js";
export { CoalescedOutput, type WritableText } from "./coalesced-output.js";
export { type CommandInput, type RegisteredCommand } from "./commands/command-spec.js";
export { COMMANDS } from "./commands/index.js";
export {
  compareDryRuns,
  type DryRunDocument,
  type DryRunTask,
  type HashInput,
  type TaskComparison,
} from "./doctor/compare-dry-runs.js";
export { formatDuration } from "./render/format-duration.js";
export { LogRenderer, type LogRendererOptions, statusLine } from "./render/log-renderer.js";
export { prettyJsonPieces } from "./render/pretty-json.js";
export { runFailedLine } from "./render/run-failed.js";
export { runFooter, type RunFooterInput } from "./render/run-footer.js";
export { type HeaderLine, runHeader, type RunHeaderInput } from "./render/run-header.js";
export { type LogRecord, recordLog, type RunLog, textLog } from "./render/run-log.js";
export { StatusLine } from "./render/status-line.js";
