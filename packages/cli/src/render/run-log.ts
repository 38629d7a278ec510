/**
 * Where the lines of a run go: turbo's text log (stdout and stderr), its structured records
 * (`--json`, `--log-file`), or both. Lines never end in a newline.
 */
export interface RunLog {
  /** A line of Turbine's own: the header, the footer, shutdown notices. */
  info(text: string): void;
  /** A warning shown as it happens (the remote cache banner when the cache is unavailable). */
  warn(text: string): void;
  /** A task's status or output line; `prefix` is the text log's `pkg:task: ` (or nothing). */
  task(taskId: string, prefix: string, text: string): void;
  /** `--continue`'s note after a task failed. */
  taskWarning(taskId: string, text: string): void;
  /** A failed task's error (the `command (…) … exited (n)` text). */
  taskError(taskId: string, text: string): void;
}

/** turbo's text log: Turbine lines and task lines on stdout, warnings and errors on stderr. */
export function textLog(out: (line: string) => void, err: (line: string) => void): RunLog {
  return {
    info: out,
    warn: (text) => {
      err(` WARNING  ${text}`);
    },
    task: (_taskId, prefix, text) => {
      out(`${prefix}${text}`);
    },
    taskWarning: (taskId, text) => {
      err(`${taskId}:  WARNING  ${text}`);
    },
    taskError: (taskId, text) => {
      err(`${taskId}:  ERROR  ${text}`);
    },
  };
}

/**
 * One structured log record, keys in turbo 2.11.13's order: `source` is `turbo` or the task id,
 * `level` is `info`/`warn`/`error` for turbo's own lines and `stdout` for task lines.
 */
export interface LogRecord {
  readonly source: string;
  readonly level: "info" | "warn" | "error" | "stdout";
  readonly timestamp: number;
  readonly text: string;
}

/**
 * turbo's structured log: one record per line, escape sequences stripped. Empty task lines are
 * left out (turbo keeps only its own empty lines); task output is `stdout` whichever stream it
 * came from, as turbo reads both through one pipe.
 */
export function recordLog(write: (record: LogRecord) => void, now = Date.now): RunLog {
  // node:util is loaded here rather than imported: a run without structured logs never needs it.
  const { stripVTControlCharacters } = process.getBuiltinModule("node:util");
  const record = (source: string, level: LogRecord["level"], text: string): void => {
    write({ source, level, timestamp: now(), text: stripVTControlCharacters(text) });
  };
  return {
    info: (text) => {
      record("turbo", "info", text);
    },
    warn: (text) => {
      record("turbo", "warn", text);
    },
    task: (taskId, _prefix, text) => {
      if (text !== "") record(taskId, "stdout", text);
    },
    taskWarning: (_taskId, text) => {
      record("turbo", "warn", text);
    },
    taskError: (_taskId, text) => {
      record("turbo", "error", text);
    },
  };
}

/** Both logs, in order. */
export function teeLog(first: RunLog, second: RunLog): RunLog {
  return {
    info: (text) => {
      first.info(text);
      second.info(text);
    },
    warn: (text) => {
      first.warn(text);
      second.warn(text);
    },
    task: (taskId, prefix, text) => {
      first.task(taskId, prefix, text);
      second.task(taskId, prefix, text);
    },
    taskWarning: (taskId, text) => {
      first.taskWarning(taskId, text);
      second.taskWarning(taskId, text);
    },
    taskError: (taskId, text) => {
      first.taskError(taskId, text);
      second.taskError(taskId, text);
    },
  };
}

/** A record as one NDJSON line (the `--json` stdout format and the file's array items). */
export function recordJson(record: LogRecord): string {
  return JSON.stringify(record);
}
