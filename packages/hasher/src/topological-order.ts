import { HasherError } from "./errors.js";

interface Node {
  readonly id: string;
  readonly dependencies: readonly string[];
}

/**
 * Task ids with every dependency before its dependents (an iterative depth-first post-order), so
 * each task's dependency hashes exist when it is hashed. Dependencies outside `nodes` are left for
 * the caller to report; a cycle throws.
 */
export function topologicalOrder(nodes: readonly Node[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const order: string[] = [];
  for (const start of nodes) {
    if (state.has(start.id)) continue;
    const stack: [Node, number][] = [[start, 0]];
    state.set(start.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [Node, number];
      const [node, next] = top;
      if (next < node.dependencies.length) {
        top[1] = next + 1;
        const dep = byId.get(node.dependencies[next] as string);
        if (dep === undefined) continue;
        const seen = state.get(dep.id);
        if (seen === 1) {
          throw new HasherError(
            "ERR_HASHER_TASK_CYCLE",
            `task graph has a cycle through ${dep.id}`,
            {
              hint: "Remove the circular dependsOn entry in turbo.json.",
            },
          );
        }
        if (seen === undefined) {
          state.set(dep.id, 1);
          stack.push([dep, 0]);
        }
      } else {
        stack.pop();
        state.set(node.id, 2);
        order.push(node.id);
      }
    }
  }
  return order;
}
