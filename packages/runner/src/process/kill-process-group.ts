import type { ChildProcess } from "node:child_process";

import { signalGroup } from "./interrupt-process-group.js";

/**
 * Stops a child spawned with `detached: true` together with everything it started: SIGTERM to
 * the whole process group, then SIGKILL after `graceMs` if the leader has not exited.
 */
export function killProcessGroup(child: ChildProcess, graceMs: number): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => {
    signalGroup(pid, "SIGKILL");
  }, graceMs);
  timer.unref();
  child.once("exit", () => {
    clearTimeout(timer);
    // Grandchildren that ignored SIGTERM must not outlive the task.
    signalGroup(pid, "SIGKILL");
  });
}
