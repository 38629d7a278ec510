import { compareBytes } from "../byte-order.js";

/**
 * Kahn's algorithm over `dependencies`: every id after all of its dependencies; among ready ids the
 * byte-smallest comes first, so the order is stable. Assumes the graph is acyclic.
 */
export function topologicalOrder(
  dependencies: ReadonlyMap<string, readonly string[]>,
  dependents: ReadonlyMap<string, readonly string[]>,
): string[] {
  const waiting = new Map<string, number>();
  const ready = new MinHeap();
  for (const [id, deps] of dependencies) {
    waiting.set(id, deps.length);
    if (deps.length === 0) ready.push(id);
  }
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return order;
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
