import type { OutputLogsMode } from "@turbine/runner";

import type { CliIo, CliResult } from "../io.js";

/** Everything `turbine run` accepts, parsed but not yet combined with env vars or turbo.json. */
export interface RunFlags {
  readonly tasks: readonly string[];
  readonly passThroughArgs: readonly string[];
  readonly filter: readonly string[];
  readonly affected: boolean;
  readonly concurrency: string | undefined;
  /** Undefined: not given (then `never`); otherwise the mode (`always` for a bare flag). */
  readonly continue: string | undefined;
  readonly only: boolean;
  readonly parallel: boolean;
  readonly force: boolean | undefined;
  readonly cache: string | undefined;
  readonly noCache: boolean;
  readonly remoteOnly: boolean | undefined;
  readonly remoteCacheReadOnly: boolean | undefined;
  readonly cacheDir: string | undefined;
  readonly cacheWorkers: number | undefined;
  readonly dry: "text" | "json" | undefined;
  /** `true`: DOT on stdout; a string: the file to write. */
  readonly graph: string | true | undefined;
  readonly summarize: boolean | undefined;
  /** `--explain`: print why each task misses the cache. */
  readonly explain: boolean;
  readonly outputLogs: OutputLogsMode | undefined;
  readonly logOrder: "stream" | "grouped" | "auto" | undefined;
  readonly logPrefix: "auto" | "none" | "task" | undefined;
  readonly envMode: "strict" | "loose" | undefined;
  readonly frameworkInference: boolean | undefined;
  readonly globalDeps: readonly string[];
  readonly singlePackage: boolean;
  /** `--json`: turbo's NDJSON log records on stdout instead of the human log. */
  readonly json: boolean;
  /** `--log-file`: `true` for the default `.turbo/logs/<epoch-ms>.json`, else the path given. */
  readonly logFile: string | true | undefined;
  /** `--daemon` (`true`) or `--no-daemon` (`false`): deprecated, accepted with turbo's warning. */
  readonly daemon: boolean | undefined;
  /** `--profile` / `--anon-profile`: `true` for a bare flag, else the file given. */
  readonly profile: string | true | undefined;
  readonly anonProfile: string | true | undefined;
  /** `--execution`: `package-manager` (turbo's way) or `direct`. */
  readonly execution: "direct" | "package-manager" | undefined;
  readonly global: GlobalFlags;
}

/** Options every command takes. */
export interface GlobalFlags {
  readonly cwd: string | undefined;
  readonly token: string | undefined;
  readonly team: string | undefined;
  readonly api: string | undefined;
  readonly preflight: boolean | undefined;
  readonly remoteCacheTimeout: number | undefined;
  readonly color: boolean | undefined;
  /** `--ui`: turbo's `stream` or `tui` (Turbine always streams). */
  readonly ui: "stream" | "tui" | undefined;
  /**
   * `--verbosity=<n>` or the number of `-v`s; 0 when neither is given. From 1 on, Turbine prints
   * its notices (why a task ran through the package manager under direct execution).
   */
  readonly verbosity: number;
  /** `--root-turbo-json`: the root turbo.json to use instead of `<repo>/turbo.json`. */
  readonly rootTurboJson: string | undefined;
  /** `--pkg-inference-root` (hidden in turbo): repo-relative directory to infer the package from. */
  readonly pkgInferenceRoot: string | undefined;
  readonly dangerouslyDisablePackageManagerCheck: boolean;
  /** Flags turbo accepts that Turbine has nothing to do for, as written (`--heap`, …). */
  readonly ignored: readonly string[];
}

export interface LsFlags {
  readonly packages: readonly string[];
  readonly filter: readonly string[];
  readonly affected: boolean;
  readonly output: "pretty" | "json";
  readonly global: GlobalFlags;
}

/** `turbine doctor`: the tasks to compare with turbo (default: every configured task). */
export interface DoctorFlags {
  readonly tasks: readonly string[];
  readonly filter: readonly string[];
  readonly global: GlobalFlags;
}

/** `turbine why <package>#<task>`. */
export interface WhyFlags {
  readonly task: string;
  /** Another record store to compare with. */
  readonly against: string | undefined;
  readonly passThroughArgs: readonly string[];
  readonly singlePackage: boolean;
  readonly global: GlobalFlags;
}

/** A command argv asked for, its flags parsed, ready to run. */
export interface CommandCall {
  readonly kind: "command";
  /** The command's registered name (an alias resolves to it). */
  readonly name: string;
  readonly flags: unknown;
  readonly run: (io: CliIo) => Promise<CliResult>;
}

/** What argv asks for. `exit` covers --help, --version and usage errors (already printed). */
export type ParsedCommand = CommandCall | { readonly kind: "exit"; readonly exitCode: number };
