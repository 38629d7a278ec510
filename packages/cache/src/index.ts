export { writeFileAtomic } from "./atomic-file.js";
export { Cache, type CacheOptions } from "./cache.js";
export { CacheError, type CacheErrorCode } from "./cache-error.js";
export {
  type InstallInput,
  LocalCache,
  type LocalCacheOptions,
  type LocalRead,
} from "./local-cache.js";
export type { EntryFiles } from "./local-paths.js";
export {
  type ManifestEntry,
  parseManifest,
  type RestoreManifest,
  serializeManifest,
} from "./manifest.js";
export { type CacheMeta, parseMeta, serializeMeta } from "./meta.js";
export type {
  RemoteArtifact,
  RemoteCacheEvent,
  RemotePutOutcome,
  RemoteStore,
  RemoteUpload,
} from "./remote-store.js";
export type {
  ArtifactCache,
  CacheConfig,
  CacheEvent,
  CacheEventListener,
  CacheExists,
  CacheHit,
  CacheSource,
  CacheWarningCode,
  GitState,
  PutInput,
  PutResult,
} from "./types.js";
