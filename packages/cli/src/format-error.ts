import { TurbineError } from "@turbine/errors";

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
 *
 * A Turbine error (`instanceof TurbineError`) adds its location, hint and code; any other error
 * shows its message only.
 */
export function formatError(error: unknown): string[] {
  if (!(error instanceof Error)) return [`  x ${String(error)}`];
  const lines = [`  x ${error.message}`];
  if (!(error instanceof TurbineError)) return lines;
  const where = error.where();
  if (where !== undefined) lines.push(`   at ${where}`);
  if (error.hint !== undefined && error.hint !== "") lines.push(`  help: ${error.hint}`);
  lines.push(`  code: ${error.code}`);
  return lines;
}
