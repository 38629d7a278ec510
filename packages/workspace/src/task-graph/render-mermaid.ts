import { compareBytes } from "../byte-order.js";
import { createMermaidIds } from "./mermaid-ids.js";
import { graphEdges } from "./render-dot.js";
import type { TaskGraph } from "./task-graph.js";

/** The file `turbo run <tasks> --graph=graph.mermaid` writes, byte for byte. */
export function renderMermaid(graph: TaskGraph): string {
  const edges = graphEdges(graph).sort(
    ([a1, a2], [b1, b2]) => compareBytes(a1, b1) || compareBytes(a2, b2),
  );
  const nextId = createMermaidIds();
  const names = new Map<string, string>();
  const alias = (node: string): string => {
    let name = names.get(node);
    if (name === undefined) {
      name = nextId();
      names.set(node, name);
    }
    return name;
  };
  let out = "graph TD\n";
  for (const [from, to] of edges) {
    const fromName = alias(from);
    out += `\t${fromName}("${from}") --> ${alias(to)}("${to}")\n`;
  }
  return out;
}
