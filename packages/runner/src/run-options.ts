import type { CacheFlags, RemoteCacheFlags } from "@turbine/cache";
import type { EnvMode } from "@turbine/workspace";

import type { RunEventListener } from "./events.js";
import type { ExecutionMode } from "./execution/task-execution.js";
import type { OutputLogsMode } from "./planned-task.js";
import type { ContinueMode } from "./scheduler/run-options-parse.js";

/**
 * Everything `turbine run` takes. Flags win over `env` (TURBO_*), which wins over turbo.json,
 * which wins over turbo's defaults; undefined means "not given".
 */
export interface RunOptions {
  /** Absolute directory the run starts in; the repo root is found from here. */
  readonly cwd: string;
  /**
   * Infer the package from `cwd` when no filter is given, and resolve relative `--filter` paths
   * from it (default true). turbo does neither with `--cwd`: paths then start at the repo root
   * (or at `pkgInferenceRoot`).
   */
  readonly inferPackage?: boolean;
  /** turbo's `--pkg-inference-root`: repo-relative directory to infer from when `cwd` does not. */
  readonly pkgInferenceRoot?: string;
  /** `--root-turbo-json` / TURBO_ROOT_TURBO_JSON: absolute path of the root turbo.json to use. */
  readonly rootTurboJson?: string;
  /** Requested tasks: `build`, `web#lint`, `//#format`. */
  readonly tasks: readonly string[];
  /** Args after `--`: given to the requested tasks, hashed into every task. */
  readonly passThroughArgs?: readonly string[];
  /** `--filter` selectors. */
  readonly filters?: readonly string[];
  readonly affected?: boolean;
  /** `--concurrency` as written (`4`, `50%`); else TURBO_CONCURRENCY, turbo.json, 10. */
  readonly concurrency?: string;
  readonly continueMode?: ContinueMode;
  readonly only?: boolean;
  readonly parallel?: boolean;
  /** `--cache`, `--force`, `--no-cache`, `--remote-only`, `--remote-cache-read-only`. */
  readonly cacheFlags?: CacheFlags;
  readonly cacheDir?: string;
  readonly cacheWorkers?: number;
  /** `--token`, `--team`, `--api`, `--preflight`, `--remote-cache-timeout`. */
  readonly remoteFlags?: RemoteCacheFlags;
  readonly envMode?: EnvMode;
  readonly frameworkInference?: boolean;
  /**
   * `--global-deps`: accepted; like turbo 2.11.13, not added to the global hash. turbo also
   * counts a change to these files as a change to every package in `--filter=[range]`; Turbine
   * does not read them there yet.
   */
  readonly globalDeps?: readonly string[];
  readonly singlePackage?: boolean;
  /** `--output-logs`: overrides every task's `outputLogs`. */
  readonly outputLogs?: OutputLogsMode;
  /** `--summarize`; else TURBO_RUN_SUMMARY. */
  readonly summarize?: boolean;
  /** `--explain`: say why each task misses, against its last record (`task-status` events). */
  readonly explain?: boolean;
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
  /** `--verbosity` / `-v`: from 1 on, remote cache problems turbo logs as debug are warnings. */
  readonly verbosity?: number;
  /** The environment at start-up; default `process.env`. Never mutated. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Ctrl-C / SIGTERM: aborting starts turbo's graceful shutdown. No task starts any more; running
   * ones get SIGINT (their whole process group) and `shutdownGraceMs` to exit before SIGKILL.
   * Interrupted tasks are neither successes nor failures: the run exits 0 unless one had failed.
   */
  readonly signal?: AbortSignal;
  /** A second Ctrl-C: aborting kills the tasks still shutting down at once. */
  readonly forceSignal?: AbortSignal;
  /** Grace between SIGINT and SIGKILL when interrupted; default 10 000 ms (turbo's). */
  readonly shutdownGraceMs?: number;
  readonly onEvent?: RunEventListener;
  /**
   * Resolves once what the events carried so far has been written (the output drained). A long
   * log replay awaits it between 1 MiB chunks, so memory does not grow when the reader is slow.
   */
  readonly outputDrained?: () => Promise<void>;
  /** The command line recorded in the summary (`turbine run build`). */
  readonly commandLine?: string;
  /**
   * `--execution`: `package-manager` (default, turbo's `<pm> run <script>`) or `direct` (the
   * script itself, as the package manager would run it); else TURBINE_EXECUTION.
   */
  readonly execution?: ExecutionMode;
  /** SIGTERM-to-SIGKILL grace when stopping tasks; default 2000 ms. */
  readonly killGraceMs?: number;
}
