import { spawn } from "node:child_process";

import type { ExecResult } from "./exec.js";

/** One signal to send, once stdout matches `when`. */
export interface SignalStep {
  readonly signal: NodeJS.Signals;
  readonly when: RegExp;
}

export interface InterruptOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Sent in order, each once its pattern appears in the output written so far. */
  readonly steps: readonly SignalStep[];
  /** Kill the process after this many milliseconds (default 90 s). */
  readonly timeoutMs?: number;
}

/**
 * Runs a command and sends it signals when its stdout reaches given points (a task is up, a
 * shutdown notice was printed): how Ctrl-C and SIGTERM are tested against turbo and Turbine
 * alike. Resolves with the exit code and everything written.
 */
export function runInterrupted(
  command: string,
  args: readonly string[],
  options: InterruptOptions,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let next = 0;
    const advance = (): void => {
      const step = options.steps[next];
      if (step === undefined || !step.when.test(stdout)) return;
      next++;
      child.kill(step.signal);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      advance();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 90_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === null ? 1 : 128), stdout, stderr });
    });
  });
}

/** True while a process with this pid exists (a zombie included). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
