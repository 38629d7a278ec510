import { type GraphNode, topologicalOrder as order } from "@turbine/workspace";

import { HasherError } from "./errors.js";

/**
 * Task ids with every dependency before its dependents, so each task's dependency hashes exist
 * when it is hashed. Dependencies outside `nodes` are left for the caller to report; a cycle throws.
 */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] {
  const sorted = order(nodes);
  if (sorted.blocked.length === 0) return sorted.order;
  throw new HasherError(
    "ERR_HASHER_TASK_CYCLE",
    `task graph has a cycle through ${sorted.blocked.join(", ")}`,
    { hint: "Remove the circular dependsOn entry in turbo.json." },
  );
}
