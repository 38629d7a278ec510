import { describeMissReasons } from "@turbine/hasher";

import type { MissExplanation } from "../records/miss-explainer.js";

/**
 * Turbine's own per-task key in summaries and explained dry runs, after turbo's (which stay as
 * turbo writes them): `missExplanation` is null for a hit, else `{ previousRun, reasons, text }`,
 * with `previousRun` the record compared with (null: none), `reasons` the structured reasons and
 * `text` the same in plain words, one line each. Absent when the run does not explain misses.
 */
export function missExplanationField(explanation: MissExplanation | null | undefined): {
  missExplanation?: unknown;
} {
  if (explanation === undefined) return {};
  if (explanation === null) return { missExplanation: null };
  return {
    missExplanation: {
      previousRun: explanation.previous,
      reasons: explanation.reasons,
      text: describeMissReasons(explanation.reasons),
    },
  };
}
