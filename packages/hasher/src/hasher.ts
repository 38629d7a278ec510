import xxhash from "xxhash-wasm";

import { compareUtf8, sortedEntries } from "./byte-order.js";
import { CanonicalWriter } from "./capnp-writer.js";
import {
  encodeFileHashes,
  encodeGlobalHashable,
  encodeLockFilePackages,
  encodeTaskHashable,
  type GlobalHashable,
  type LockfileEntry,
  type TaskHashable,
} from "./hashables.js";

type H64Raw = (input: Uint8Array, seed?: bigint) => bigint;

/**
 * turbo's `TurboHash::hash`: the canonical Cap'n Proto message of a hashable, then xxHash64 (seed
 * 0) over its single segment, printed as 16 lowercase hex digits, big-endian.
 *
 * An instance holds its wasm module and one reusable encode buffer; it is not safe to share between
 * threads, and nothing it returns aliases its buffer.
 */
export class Hasher {
  readonly #h64: H64Raw;
  readonly #writer: CanonicalWriter;

  private constructor(h64: H64Raw) {
    this.#h64 = h64;
    this.#writer = new CanonicalWriter();
  }

  static async create(): Promise<Hasher> {
    const api = await xxhash();
    return new Hasher((input, seed) => api.h64Raw(input, seed));
  }

  /** xxHash64 (seed 0) of raw bytes as 16 hex digits. */
  xxh64Hex(bytes: Uint8Array): string {
    return this.#h64(bytes, 0n).toString(16).padStart(16, "0");
  }

  /** `FileHashes(map).hash()`: entries are sorted by path in UTF-8 byte order. */
  fileHashes(files: ReadonlyMap<string, string> | Readonly<Record<string, string>>): string {
    encodeFileHashes(this.#writer, sortedEntries(files));
    return this.#digest();
  }

  /** `FileHashes` of entries already in UTF-8 byte order of their keys (no copy, no sort). */
  fileHashesSorted(entries: readonly (readonly [string, string])[]): string {
    encodeFileHashes(this.#writer, entries);
    return this.#digest();
  }

  /** `LockFilePackages(list).hash()`, in the order given (turbo's own vectors depend on it). */
  lockFilePackages(packages: readonly LockfileEntry[]): string {
    encodeLockFilePackages(this.#writer, packages);
    return this.#digest();
  }

  /**
   * `get_external_deps_hash`: the closure sorted by key, then version (byte order), hashed as
   * LockFilePackages. An empty closure gives `459c029558afe716`.
   */
  externalDepsHash(closure: Iterable<LockfileEntry>): string {
    const sorted = [...closure].sort(
      (a, b) => compareUtf8(a.key, b.key) || compareUtf8(a.version, b.version),
    );
    return this.lockFilePackages(sorted);
  }

  /** The task hash. Lists must already be in turbo's order (see `buildTaskHashable`). */
  task(hashable: TaskHashable): string {
    encodeTaskHashable(this.#writer, hashable);
    return this.#digest();
  }

  /** The global hash. Lists must already be in turbo's order (see `buildGlobalHashable`). */
  global(hashable: GlobalHashable): string {
    encodeGlobalHashable(this.#writer, hashable);
    return this.#digest();
  }

  /** The canonical message bytes of a task hashable (a copy), for debugging and tests. */
  taskMessage(hashable: TaskHashable): Buffer {
    encodeTaskHashable(this.#writer, hashable);
    return Buffer.from(this.#writer.bytes());
  }

  #digest(): string {
    return this.xxh64Hex(this.#writer.bytes());
  }
}
