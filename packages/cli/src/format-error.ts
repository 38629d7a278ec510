/** Fields Turbine's error classes share (RunnerError, ConfigError, WorkspaceError, …). */
interface DescribedError {
  readonly message: string;
  readonly code?: unknown;
  readonly hint?: unknown;
  readonly file?: unknown;
  readonly line?: unknown;
  readonly column?: unknown;
}

/**
 * Renders a fatal error in turbo's ` x <message>` style, followed by where (`turbo.json:1:20`),
 * the hint and the stable code, e.g.
 *
 * ```
 *   x Found an unknown key `outputz`.
 *    at turbo.json:1:20
 *   help: Remove the key or fix its spelling.
 *   code: ERR_CONFIG_UNKNOWN_KEY
 * ```
 */
export function formatError(error: unknown): string[] {
  if (!(error instanceof Error)) return [`  x ${String(error)}`];
  const e = error as DescribedError;
  const lines = [`  x ${e.message}`];
  if (typeof e.file === "string") {
    const at =
      typeof e.line === "number"
        ? `:${e.line}${typeof e.column === "number" ? `:${e.column}` : ""}`
        : "";
    lines.push(`   at ${e.file}${at}`);
  }
  if (typeof e.hint === "string" && e.hint !== "") lines.push(`  help: ${e.hint}`);
  if (typeof e.code === "string") lines.push(`  code: ${e.code}`);
  return lines;
}

/** True for errors Turbine raises on purpose (they carry a stable `ERR_*` code). */
export function isTurbineError(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as DescribedError).code === "string" &&
    String((error as DescribedError).code).startsWith("ERR_")
  );
}
