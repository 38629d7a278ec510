import { isAbsolute, join, relative, resolve } from "node:path";

import { findRepoRoot } from "@turbine/runner";

import type { RunFlags } from "./args/flags.js";
import { type CliIo, lineWriters } from "./io.js";
import { LogFile } from "./render/log-file.js";
import { recordJson, recordLog, type RunLog, teeLog, textLog } from "./render/run-log.js";

/**
 * The run's log: turbo's text on stdout/stderr, or with `--json` its NDJSON records on stdout;
 * with `--log-file` (or TURBO_LOG_FILE) the records also go to a JSON array file inside the repo
 * (default `.turbo/logs/<epoch-ms>.json`). `beforeWrite` runs before each text write (it erases
 * the live status line). `drained` writes what the log holds and waits for the output streams
 * (`CliIo.drained`): a long log replay awaits it between chunks, so neither the streams nor the
 * log file's pending records grow with it.
 */
export function openRunLog(
  flags: RunFlags,
  cwd: string,
  io: CliIo,
  beforeWrite: () => void,
): {
  readonly log: RunLog;
  readonly drained: (() => Promise<void>) | undefined;
  close(): void;
} {
  const { out, err } = lineWriters(io);
  const primary = flags.json
    ? recordLog((record) => io.stdout.write(`${recordJson(record)}\n`))
    : textLog(
        (line) => {
          beforeWrite();
          out(line);
        },
        (line) => {
          beforeWrite();
          err(line);
        },
      );
  const requested = flags.logFile ?? nonEmpty(io.env.TURBO_LOG_FILE);
  if (requested === undefined) return { log: primary, drained: io.drained, close: () => undefined };
  const file = LogFile.open(logFilePath(requested, findRepoRoot(cwd), err));
  err(
    `turbine: structured logs will capture all output (including potential secrets) to ${file.path}`,
  );
  return {
    log: teeLog(
      primary,
      recordLog((record) => {
        file.write(record);
      }),
    ),
    drained: async () => {
      file.flush();
      await io.drained?.();
    },
    close: () => {
      file.close();
    },
  };
}

/** Where the log file goes: the path given, relative to the repo root and inside it. */
function logFilePath(requested: string | true, root: string, err: (line: string) => void): string {
  const fallback = join(root, ".turbo", "logs", `${Date.now()}.json`);
  if (requested === true) return fallback;
  const path = resolve(root, requested);
  const rel = relative(root, path);
  if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return path;
  err(
    ` WARNING  Structured log path '${requested}' escapes the repository root, using default location`,
  );
  return fallback;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
