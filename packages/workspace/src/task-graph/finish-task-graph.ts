import { compareBytes, sortBytes } from "../byte-order.js";
import { type ConfigResult, fail, ok } from "../config/config-result.js";
import { taskPresence } from "../config/resolve-task-definition.js";
import type { TaskDefinition } from "../config/task-definition.js";
import type { TurboConfig } from "../config/turbo-json.js";
import { WorkspaceError } from "../errors.js";
import type { WorkspacePackage } from "../types.js";
import { findCycles } from "./find-cycles.js";
import type { TaskGraph, TaskNode } from "./task-graph.js";
import { topologicalOrder } from "./topological-order.js";

/** A task as the traversal left it: its definition and the ids it depends on (repeats kept). */
export interface BuiltNode {
  readonly package: string;
  readonly task: string;
  readonly definition: TaskDefinition;
  readonly deps: readonly string[];
}

/**
 * Turns the traversal result into a TaskGraph: rejects cycles, fills in commands, opt-outs and
 * dependents, rejects dependencies on persistent tasks that have a command, and orders the tasks.
 */
export function finishTaskGraph(
  config: TurboConfig,
  built: ReadonlyMap<string, BuiltNode>,
  singlePackage: boolean,
  packageOf: (name: string) => WorkspacePackage | undefined,
): ConfigResult<TaskGraph> {
  const cycle = findCycles(new Map([...built].map(([id, node]) => [id, new Set(node.deps)])));
  if (cycle !== undefined) return fail(cycle);
  const dependents = new Map<string, string[]>([...built.keys()].map((id) => [id, []]));
  for (const [id, node] of built) for (const dep of node.deps) dependents.get(dep)?.push(id);
  const nodes = new Map<string, TaskNode>();
  for (const id of sortBytes(built.keys())) {
    const node = built.get(id);
    if (node === undefined) continue;
    const presence = taskPresence(config, node.package, node.task, `${node.package}#${node.task}`);
    const optedOut = presence === "excluded";
    const script = packageOf(node.package)?.packageJson.scripts?.[node.task];
    nodes.set(id, {
      id,
      package: node.package,
      task: node.task,
      definition: node.definition,
      command: optedOut ? undefined : script,
      optedOut,
      dependencies: sortBytes(node.deps),
      dependents: (dependents.get(id) ?? []).sort(compareBytes),
    });
  }
  const persistent = persistentDependency(nodes);
  if (persistent !== undefined) return fail(persistent);
  return ok({ singlePackage, nodes, order: topologicalOrder(nodes.values()).order });
}

/** turbo refuses a dependency on a persistent task that has something to run. */
function persistentDependency(nodes: ReadonlyMap<string, TaskNode>): WorkspaceError | undefined {
  for (const node of nodes.values()) {
    for (const dependency of node.dependencies) {
      const target = nodes.get(dependency);
      if (target?.definition.persistent === true && target.command !== undefined) {
        return new WorkspaceError(
          "ERR_TASK_GRAPH_PERSISTENT_DEPENDENCY",
          `"${target.id}" is a persistent task, "${node.id}" cannot depend on it`,
          {
            hint: `Remove "${target.task}" from the dependsOn of ${node.id}, or run it alongside with \`with\`.`,
          },
        );
      }
    }
  }
  return undefined;
}
