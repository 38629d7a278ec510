import { compareBytes } from "../byte-order.js";
import { ROOT_NODE_ID, type TaskGraph } from "./task-graph.js";

/** `[from, to]` pairs of the graph turbo draws: task -> dependency, and leaves -> ___ROOT___. */
export function graphEdges(graph: TaskGraph): [string, string][] {
  const edges: [string, string][] = [];
  for (const node of graph.nodes.values()) {
    if (node.dependencies.length === 0) edges.push([node.id, ROOT_NODE_ID]);
    for (const dependency of node.dependencies) edges.push([node.id, dependency]);
  }
  return edges;
}

/** The DOT text `turbo run <tasks> --graph` prints, byte for byte. */
export function renderDot(graph: TaskGraph): string {
  const lines = graphEdges(graph)
    .map(([from, to]) => `\t\t"[root] ${from}" -> "[root] ${to}"`)
    .sort(compareBytes);
  return `\ndigraph {\n\tcompound = "true"\n\tnewrank = "true"\n\tsubgraph "root" {\n${lines.join("\n")}\n\t}\n}\n\n`;
}
