/** What a CLI handler may touch; bin.ts passes the real process, tests pass buffers. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Absolute directory the command was started in. */
  readonly cwd: string;
  /** Aborted on Ctrl-C or SIGTERM: the run shuts down gracefully (tasks get SIGINT). */
  readonly signal?: AbortSignal;
  /** Aborted on a second Ctrl-C: tasks still shutting down are killed. */
  readonly forceSignal?: AbortSignal;
  /** Absolute, symlink-free path of the `turbine` executable (what `turbine bin` prints). */
  readonly executable?: string;
  /** Resolves once everything written so far has left the process (stdout/stderr drained). */
  readonly drained?: () => Promise<void>;
}

/** A handler's answer: the process exit code. */
export interface CliResult {
  readonly exitCode: number;
}

/** Line writers over the streams (`\n` appended). */
export function lineWriters(io: CliIo): {
  out: (line: string) => void;
  err: (line: string) => void;
} {
  return {
    out: (line) => {
      io.stdout.write(`${line}\n`);
    },
    err: (line) => {
      io.stderr.write(`${line}\n`);
    },
  };
}
