import type { EnvMode } from "@turbine/hasher";
import type { CacheFlags, RemoteCacheFlags } from "@turbine/remote-cache";

import type { RunEventListener } from "./events.js";
import type { OutputLogsMode } from "./planned-task.js";
import type { ContinueMode } from "./scheduler/run-options-parse.js";

/**
 * Everything `turbine run` takes. Flags win over `env` (TURBO_*), which wins over turbo.json,
 * which wins over turbo's defaults; undefined means "not given".
 */
export interface RunOptions {
  /** Absolute directory the run starts in; the repo root is found from here. */
  readonly cwd: string;
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
   * `--global-deps`: files whose change affects every package in `--filter=[range]`. Like turbo
   * 2.11.11, they are not added to the global hash.
   */
  readonly globalDeps?: readonly string[];
  readonly singlePackage?: boolean;
  /** `--output-logs`: overrides every task's `outputLogs`. */
  readonly outputLogs?: OutputLogsMode;
  /** `--summarize`; else TURBO_RUN_SUMMARY. */
  readonly summarize?: boolean;
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
  /** The environment at start-up; default `process.env`. Never mutated. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting stops every running task (process groups) and skips the rest. */
  readonly signal?: AbortSignal;
  readonly onEvent?: RunEventListener;
  /**
   * Resolves once what the events carried so far has been written (the output drained). A long
   * log replay awaits it between 1 MiB chunks, so memory does not grow when the reader is slow.
   */
  readonly outputDrained?: () => Promise<void>;
  /** The command line recorded in the summary (`turbine run build`). */
  readonly commandLine?: string;
  /** SIGTERM-to-SIGKILL grace when stopping tasks; default 2000 ms. */
  readonly killGraceMs?: number;
}
