import { TurbineError } from "@turbine/errors";

/** Stable error codes raised by the CLI itself. Each one is documented in the README. */
export type CliErrorCode = "ERR_CLI_COMMAND_NOT_AVAILABLE";

/** The CLI's error class: usage the CLI itself refuses (a turbo command Turbine lacks, …). */
export class CliError extends TurbineError<CliErrorCode> {
  override readonly name = "CliError";

  constructor(code: CliErrorCode, message: string, options: { readonly hint?: string } = {}) {
    super(code, message, options);
  }
}
