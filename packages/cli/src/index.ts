export type {
  CommandCall,
  DoctorFlags,
  GlobalFlags,
  LsFlags,
  ParsedCommand,
  RunFlags,
} from "./args/flags.js";
export { type ArgvGrammar, normalizeArgv, type NormalizedArgv } from "./args/normalize-argv.js";
export { parseArgv, type ParseIo } from "./args/parse-argv.js";
export { CliError, type CliErrorCode } from "./cli-error.js";
export { CoalescedOutput, type WritableText } from "./coalesced-output.js";
export {
  type CommandInput,
  type CommandSpec,
  defineCommand,
  type RegisteredCommand,
} from "./commands/command-spec.js";
export { COMMANDS } from "./commands/index.js";
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
export { LogFile } from "./render/log-file.js";
export { LogRenderer, type LogRendererOptions, statusLine } from "./render/log-renderer.js";
export { prettyJsonPieces, writePrettyJson } from "./render/pretty-json.js";
export { runFailedLine } from "./render/run-failed.js";
export { runFooter, type RunFooterInput } from "./render/run-footer.js";
export {
  type HeaderLine,
  runHeader,
  type RunHeaderInput,
  writeRunHeader,
} from "./render/run-header.js";
export {
  type LogRecord,
  recordJson,
  recordLog,
  type RunLog,
  teeLog,
  textLog,
} from "./render/run-log.js";
export { StatusLine } from "./render/status-line.js";
