import type { SchedulableTask } from "./schedule.js";

/**
 * Where the scheduler learns how long a task took when it last ran. The local cache's
 * `<hash>-meta.json` is one source (see `cacheDurations`); run records kept per task are another.
 */
export interface TaskDurations {
  /** Milliseconds the task took last time, or undefined when nothing is known. */
  lastDurationMs(taskId: string): number | undefined;
}

/**
 * Each task's critical-path length: its own expected duration plus the longest chain of
 * dependents after it. Starting the ready task with the longest one first is the classic list
 * scheduling rule that keeps long chains from starting late. A task without a known duration
 * weighs the median of the known ones; with none known every task weighs 1, so the rule ranks by
 * graph depth. `weightless` tasks (no script) weigh 0.
 */
export function criticalPathLengths(
  tasks: readonly SchedulableTask[],
  durations: TaskDurations | undefined,
  weightless: (id: string) => boolean = () => false,
): Map<string, number> {
  const known = new Map<string, number>();
  for (const task of tasks) {
    const ms = durations?.lastDurationMs(task.id);
    if (ms !== undefined && Number.isFinite(ms) && ms >= 0) known.set(task.id, ms);
  }
  const fallback = known.size === 0 ? 1 : Math.max(1, median([...known.values()]));
  const weight = (id: string): number => (weightless(id) ? 0 : (known.get(id) ?? fallback));

  const ids = new Set(tasks.map((t) => t.id));
  const dependents = new Map<string, string[]>();
  for (const task of tasks) {
    for (const dep of task.dependencies) {
      if (!ids.has(dep) || dep === task.id) continue;
      const list = dependents.get(dep);
      if (list === undefined) dependents.set(dep, [task.id]);
      else list.push(task.id);
    }
  }
  const lengths = new Map<string, number>();
  // Iterative post-order walk (deep chains would overflow a recursive one); the graph is acyclic.
  for (const task of tasks) {
    if (lengths.has(task.id)) continue;
    const stack: { id: string; expanded: boolean }[] = [{ id: task.id, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; expanded: boolean };
      const next = dependents.get(top.id) ?? [];
      if (!top.expanded) {
        top.expanded = true;
        for (const d of next) if (!lengths.has(d)) stack.push({ id: d, expanded: false });
        continue;
      }
      stack.pop();
      if (lengths.has(top.id)) continue;
      let longest = 0;
      for (const d of next) longest = Math.max(longest, lengths.get(d) ?? 0);
      lengths.set(top.id, weight(top.id) + longest);
    }
  }
  return lengths;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}
