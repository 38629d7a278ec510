import { compareBytes } from "../byte-order.js";
import { WorkspaceError } from "../errors.js";
import { topologicalOrder } from "./topological-order.js";

/**
 * turbo's graph validation: strongly connected components larger than one node are cycles, then a
 * task depending on itself. The message lists each cycle and the single edges whose removal breaks it.
 */
export function findCycles(
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): WorkspaceError | undefined {
  const components = stronglyConnected(edges).filter((component) => component.length > 1);
  if (components.length > 0) {
    const blocks = components.map((component) => {
      const members = new Set(component);
      const inside: [string, string][] = [];
      for (const from of component)
        for (const to of edges.get(from) ?? []) if (members.has(to)) inside.push([from, to]);
      const cuts = inside.filter(
        ([from, to]) =>
          !hasCycle(
            component,
            inside.filter(([f, t]) => f !== from || t !== to),
          ),
      );
      const lines = cuts.map(([from, to]) => `${from} -> ${to}`).sort(compareBytes);
      return `\t${component.join(", ")}\n\nThe cycle can be broken by removing any of these sets of dependencies:\n\t${lines.join("\n\t")}`;
    });
    return new WorkspaceError(
      "ERR_TASK_GRAPH_CYCLE",
      `Cyclic dependency detected:\n${blocks.join("\n")}`,
      {
        hint: "Remove one of the listed dependsOn entries.",
      },
    );
  }
  for (const [from, targets] of edges) {
    if (targets.has(from)) {
      return new WorkspaceError("ERR_TASK_GRAPH_CYCLE", `${from} depends on itself`, {
        hint: `Remove the dependency of ${from} on itself from dependsOn.`,
      });
    }
  }
  return undefined;
}

/** Tarjan's algorithm, iterative; components and their members in byte order of discovery. */
function stronglyConnected(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const targets = (node: string): string[] => [...(edges.get(node) ?? [])].sort(compareBytes);
  for (const start of [...edges.keys()].sort(compareBytes)) {
    if (index.has(start)) continue;
    const work: { node: string; next: string[] }[] = [];
    const open = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: targets(node) });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: string[] };
      const target = frame.next.shift();
      if (target !== undefined) {
        if (!index.has(target)) open(target);
        else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        out.push(component);
      }
    }
  }
  return out;
}

/** A cycle of two or more tasks among `edges` (a self-dependency is reported on its own, after). */
function hasCycle(nodes: readonly string[], edges: readonly [string, string][]): boolean {
  const dependencies = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const [from, to] of edges) if (from !== to) dependencies.get(from)?.push(to);
  const graph = [...dependencies].map(([id, deps]) => ({ id, dependencies: deps }));
  return topologicalOrder(graph).blocked.length > 0;
}
