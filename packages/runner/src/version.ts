import { TURBINE_VERSION } from "@turbine/errors";

/** Turbine's own version, printed in the run banner (`• turbine 0.1.0`). */
export { TURBINE_VERSION };

/** The turbo release whose hashes, cache and output format Turbine reproduces. */
export const COMPATIBLE_TURBO_VERSION = "2.11.13";

/**
 * The `turboVersion` written into dry runs and summaries: turbo's version with Turbine's as a
 * prerelease tag, so tools see both which format this is and who wrote it.
 */
export const SUMMARY_TURBO_VERSION = `${COMPATIBLE_TURBO_VERSION}-turbine.${TURBINE_VERSION}`;
