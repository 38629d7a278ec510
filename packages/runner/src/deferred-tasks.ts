import type { TaskGraph } from "@turbine/workspace";

/**
 * Tasks whose hash turbo 2.11.13 defers to execution time, with the `hashReason` its dry run
 * prints: a task with structured `inputs` (`mode: "jit"` hashes files after its dependencies ran,
 * `mode: "dependencyOutputs"` hashes their outputs), and every task depending on one.
 *
 * Turbine does not compute those late hashes yet. Its dry run reports them as turbo does (hash
 * null), and a real run executes them without the cache: a hash taken before the dependencies ran
 * would miss generated files and could restore stale outputs.
 */
export function deferredTasks(graph: TaskGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of graph.order) {
    const node = graph.nodes.get(id);
    if (node === undefined) continue;
    const modes = node.definition.structuredInputs.map((input) => input.mode);
    const own = modes.includes("jit")
      ? "JIT"
      : modes.includes("dependencyOutputs")
        ? "dependencyOutputs"
        : undefined;
    const reason =
      own === undefined
        ? node.dependencies.map((dep) => out.get(dep)).find((r) => r !== undefined)
        : `Deferred because ${own} hashing mode was used.`;
    if (reason !== undefined) out.set(id, reason);
  }
  return out;
}
