export {
  type CacheEntrySpec,
  cacheFiles,
  type SidecarSpec,
  type StrayFileSpec,
  writeCacheEntries,
} from "./cache-entries.js";
export { exec, execOk, type ExecOptions, type ExecResult } from "./exec.js";
export {
  type Fault,
  type FaultRule,
  type FaultServer,
  type RecordedRequest,
  startFaultServer,
} from "./fault-server.js";
export {
  canMountTmpfs,
  enospcPreload,
  inTmpfs,
  makeUnwritable,
  type Tmpfs,
  type Unwritable,
} from "./fs-faults.js";
export { berryCliPath, bunBinaryPath, callerEnv } from "./install.js";
export {
  type InterruptOptions,
  isProcessAlive,
  runInterrupted,
  type SignalStep,
} from "./interrupt.js";
export { binPath, turbineRoot } from "./paths.js";
export { longRecord, paxRecord, type RawEntry, rawRecord, rawTar, zst } from "./raw-tar.js";
export {
  type RemoteCacheServer,
  type RemoteCacheServerOptions,
  startRemoteCacheServer,
} from "./remote-cache-server.js";
export { snapshot } from "./snapshot.js";
export {
  createTempRepo,
  type PackageSpec,
  type RepoSpec,
  TempRepo,
  type TestPackageManager,
  writeRepoSpec,
} from "./temp-repo.js";
export {
  cleanEnv,
  runTurbo,
  type RunTurboOptions,
  turboBinary,
  turboDryJson,
  type TurboDryRun,
  type TurboDryTask,
} from "./turbo.js";
export {
  turboEdges,
  turboErrorText,
  turboExternalHashes,
  turboLs,
  turboQuery,
} from "./turbo-query.js";
export { useTempRepos } from "./use-temp-repos.js";
