import type { OutputLogsMode } from "@turbine/runner";

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
  /** `-v`: print notices (why a task ran through the package manager under direct execution). */
  readonly verbose: boolean;
}

export interface LsFlags {
  readonly packages: readonly string[];
  readonly filter: readonly string[];
  readonly affected: boolean;
  readonly output: "pretty" | "json";
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

/** What argv asks for. `exit` covers --help, --version and usage errors (already printed). */
export type ParsedCommand =
  | { readonly kind: "run"; readonly flags: RunFlags }
  | { readonly kind: "ls"; readonly flags: LsFlags }
  | { readonly kind: "why"; readonly flags: WhyFlags }
  | { readonly kind: "exit"; readonly exitCode: number };
