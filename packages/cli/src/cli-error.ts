/** Stable error codes raised by the CLI itself. Each one is documented in the README. */
export type CliErrorCode = "ERR_CLI_COMMAND_NOT_AVAILABLE";

/** The CLI's error class: usage the CLI itself refuses (a turbo command Turbine lacks, …). */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly code: CliErrorCode;
  readonly hint: string | undefined;

  constructor(code: CliErrorCode, message: string, options: { readonly hint?: string } = {}) {
    super(message);
    this.code = code;
    this.hint = options.hint;
  }
}
