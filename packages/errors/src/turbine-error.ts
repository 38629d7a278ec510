export interface TurbineErrorOptions {
  /** What the user can do about it. */
  readonly hint?: string;
  /** The underlying error, kept as the standard `Error.cause`. */
  readonly cause?: unknown;
}

/**
 * The base of every error Turbine raises on purpose. Each package subclasses it once, with its own
 * union of stable `ERR_*` codes; callers switch on `code`, never on the message.
 */
export abstract class TurbineError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly hint: string | undefined;

  constructor(code: Code, message: string, options: TurbineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  /**
   * Where the problem is, as `file[:line[:column]]`, for errors that know it (a subclass with a
   * location overrides this); the CLI prints it under the message.
   */
  where(): string | undefined {
    return undefined;
  }
}

export function isTurbineError(value: unknown): value is TurbineError {
  return value instanceof TurbineError;
}
