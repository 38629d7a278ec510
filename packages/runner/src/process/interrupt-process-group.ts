import type { ChildProcess } from "node:child_process";

/** A run's graceful shutdown as one task sees it (see `spawnTask`'s `interrupt`). */
export interface TaskInterrupt {
  /** Aborts when shutdown starts: the task's process group gets SIGINT. */
  readonly graceful: AbortSignal;
  /** Aborts when the grace period ends or a second Ctrl-C arrives: the group gets SIGKILL. */
  readonly force: AbortSignal;
}

/** How often a stopping task's process group is checked for survivors. */
const GROUP_POLL_MS = 20;

/**
 * turbo's graceful stop of a task started with `detached: true`: SIGINT to the whole process
 * group (what Ctrl-C in a terminal sends), then, once the leader is gone, waiting until every
 * process of the group has exited; `force` turns the wait into SIGKILL for the group. Resolves
 * `forced` once nothing of the group is left.
 */
export function interruptProcessGroup(
  child: ChildProcess,
  force: AbortSignal,
): Promise<{ readonly forced: boolean }> {
  const pid = child.pid;
  if (pid === undefined) return Promise.resolve({ forced: false });
  signalGroup(pid, "SIGINT");
  return new Promise((resolve) => {
    let forced = false;
    const kill = (): void => {
      forced = true;
      signalGroup(pid, "SIGKILL");
    };
    if (force.aborted) kill();
    else force.addEventListener("abort", kill, { once: true });
    const poll = (): void => {
      if (groupAlive(pid)) {
        setTimeout(poll, GROUP_POLL_MS);
        return;
      }
      force.removeEventListener("abort", kill);
      resolve({ forced });
    };
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited) poll();
    else child.once("exit", poll);
  });
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
