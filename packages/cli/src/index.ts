export { CliError, type CliErrorCode } from "./cli-error.js";
export { type CliIo, type CliResult } from "./io.js";
export { main } from "./main.js";
