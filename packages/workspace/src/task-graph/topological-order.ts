import { compareBytes } from "../byte-order.js";

/** A node of a dependency graph: its id and the ids it depends on. */
export interface GraphNode {
  readonly id: string;
  readonly dependencies: readonly string[];
}

export interface TopologicalOrder {
  /** Every id after all of its dependencies; among ready ids the byte-smallest comes first. */
  readonly order: string[];
  /** The ids left out because they are on a cycle or depend on one, in input order; empty when acyclic. */
  readonly blocked: string[];
}

/**
 * Kahn's algorithm: the one topological sort and cycle check of Turbine (the task graph's order,
 * the hasher's and the scheduler's cycle checks). Dependencies on ids that are not nodes are
 * ignored; a node depending on itself is a cycle. Each caller reports `blocked` with its own error.
 */
export function topologicalOrder(graph: Iterable<GraphNode>): TopologicalOrder {
  const nodes = [...graph];
  const waiting = new Map<string, number>();
  for (const node of nodes) waiting.set(node.id, 0);
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    let count = 0;
    for (const dependency of node.dependencies) {
      if (!waiting.has(dependency)) continue;
      count++;
      const list = dependents.get(dependency);
      if (list === undefined) dependents.set(dependency, [node.id]);
      else list.push(node.id);
    }
    waiting.set(node.id, count);
  }
  const ready = new MinHeap();
  for (const [id, count] of waiting) if (count === 0) ready.push(id);
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const blocked =
    order.length === waiting.size ? [] : [...waiting].filter(([, n]) => n > 0).map(([id]) => id);
  return { order, blocked };
}

/** A binary heap of strings in byte order. */
class MinHeap {
  private readonly items: string[] = [];

  push(value: string): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareBytes(items[parent] as string, value) <= 0) break;
      items[i] = items[parent] as string;
      i = parent;
    }
    items[i] = value;
  }

  pop(): string | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && compareBytes(items[right] as string, items[left] as string) < 0
          ? right
          : left;
      if (compareBytes(items[child] as string, last) >= 0) break;
      items[i] = items[child] as string;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
