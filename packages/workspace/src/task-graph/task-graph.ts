import type { TaskDefinition } from "../config/task-definition.js";

/** The node every task without dependencies hangs from in turbo's graph output. */
export const ROOT_NODE_ID = "___ROOT___";

export interface TaskNode {
  /** `pkg#task`; just `task` in single-package mode. */
  readonly id: string;
  /** Package name; "//" for the root package. */
  readonly package: string;
  readonly task: string;
  readonly definition: TaskDefinition;
  /** The package.json script, or undefined for a no-op (missing script or opted out). */
  readonly command: string | undefined;
  /** True when a Package Configuration opted the package out (`extends: false`) but a dependency still reached it. */
  readonly optedOut: boolean;
  /**
   * Ids of the tasks this one waits for, byte-sorted. As in turbo, an id appears twice when two
   * `dependsOn` spellings reach the same task (`lint` and `pkg#lint`).
   */
  readonly dependencies: readonly string[];
  /** Ids of the tasks waiting for this one, byte-sorted. */
  readonly dependents: readonly string[];
}

export interface TaskGraph {
  readonly singlePackage: boolean;
  /** Nodes by id, in byte order of id. */
  readonly nodes: ReadonlyMap<string, TaskNode>;
  /** Every id, dependencies before dependents; ties in byte order. */
  readonly order: readonly string[];
}

/** What `--dry=json` prints as a task's `command`. */
export function dryRunCommand(node: TaskNode): string {
  if (node.optedOut) return "<OPT OUT>";
  return node.command ?? "<NONEXISTENT>";
}

/** Splits `pkg#task` at the first `#`; plain names have no package. */
export function parseTaskName(name: string): {
  readonly package: string | undefined;
  readonly task: string;
} {
  const hash = name.indexOf("#");
  return hash === -1
    ? { package: undefined, task: name }
    : { package: name.slice(0, hash), task: name.slice(hash + 1) };
}
