import {
  type GlobalHashExplanation,
  type LockfileEntry,
  parseTaskRecord,
  type TaskRecord,
} from "@turbine/hasher";

/**
 * A task record as stored in `tasks/<name>.json`: the record with its shared parts (the global
 * inputs and the lockfile closures, the same for many tasks) replaced by the names of the
 * objects holding them (`objects/<name>.json`), or null.
 */
export type DiskRecord = Omit<TaskRecord, "global" | "rootClosure" | "closure"> & {
  readonly global: string | null;
  readonly rootClosure: string | null;
  readonly closure: string | null;
};

export const GLOBAL_OBJECT_FORMAT = "turbine-task-record-global";
export const CLOSURE_OBJECT_FORMAT = "turbine-task-record-closure";

/** Object names are content hashes; anything else in a record is refused (no path games). */
const OBJECT_NAME = /^(global|closure)-[0-9a-f]{16}$/;

/** The record in its stored form, and the objects it names (name → JSON value). */
export function toDisk(record: TaskRecord): {
  record: DiskRecord;
  objects: Map<string, unknown>;
} {
  const objects = new Map<string, unknown>();
  const closureObject = (
    hash: string | null,
    entries: readonly LockfileEntry[] | null,
  ): string | null => {
    if (hash === null || entries === null || !/^[0-9a-f]{16}$/.test(hash)) return null;
    const name = `closure-${hash}`;
    objects.set(name, {
      format: CLOSURE_OBJECT_FORMAT,
      version: record.version,
      hash,
      packages: entries.map((e) => [e.key, e.version]),
    });
    return name;
  };
  let global: string | null = null;
  if (record.global !== null) {
    global = `global-${record.global.hash}`;
    objects.set(global, {
      format: GLOBAL_OBJECT_FORMAT,
      version: record.version,
      ...record.global,
    });
  }
  const rootHash = record.global?.inputs.hashOfExternalDependencies ?? null;
  return {
    record: {
      ...record,
      global,
      rootClosure: closureObject(rootHash === "" ? null : rootHash, record.rootClosure),
      closure: closureObject(record.explanation.hashOfExternalDependencies, record.closure),
    },
    objects,
  };
}

/**
 * A stored record with its objects loaded back, or undefined when it is not a whole record of
 * this format and version. A missing or unreadable object leaves that part null (unknown), which
 * the explanation reports as such instead of failing.
 */
export async function fromDisk(
  value: unknown,
  loadObject: (name: string) => Promise<unknown>,
): Promise<TaskRecord | undefined> {
  if (typeof value !== "object" || value === null) return undefined;
  const stored = value as Record<string, unknown>;
  const [global, rootClosure, closure] = await Promise.all([
    objectOf(stored.global, GLOBAL_OBJECT_FORMAT, loadObject),
    objectOf(stored.rootClosure, CLOSURE_OBJECT_FORMAT, loadObject),
    objectOf(stored.closure, CLOSURE_OBJECT_FORMAT, loadObject),
  ]);
  return parseTaskRecord({
    ...stored,
    global: global === null ? null : globalOf(global),
    rootClosure: closureOf(rootClosure),
    closure: closureOf(closure),
  });
}

/** The object names a stored record refers to. */
export function objectNames(record: DiskRecord): string[] {
  const names = [record.global, record.rootClosure, record.closure];
  return [...new Set(names.filter((n): n is string => n !== null))];
}

async function objectOf(
  name: unknown,
  format: string,
  load: (name: string) => Promise<unknown>,
): Promise<Record<string, unknown> | null> {
  if (typeof name !== "string" || !OBJECT_NAME.test(name)) return null;
  const value = await load(name);
  if (typeof value !== "object" || value === null) return null;
  const object = value as Record<string, unknown>;
  return object.format === format && object.version === 1 ? object : null;
}

function globalOf(object: Record<string, unknown>): GlobalHashExplanation {
  const global: Record<string, unknown> = { ...object };
  delete global.format;
  delete global.version;
  return global as unknown as GlobalHashExplanation;
}

function closureOf(object: Record<string, unknown> | null): LockfileEntry[] | null {
  const packages = object?.packages;
  if (!Array.isArray(packages)) return null;
  const entries: LockfileEntry[] = [];
  for (const entry of packages) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") {
      return null;
    }
    entries.push({ key: entry[0], version: entry[1] });
  }
  return entries;
}

/**
 * The file name of a task id's record: bytes other than `a-z 0-9 _ -` are written `%hh` (so
 * names differ on case-insensitive file systems too, and never hold a separator or a dot run);
 * an id too long for a file name keeps its start and gets a digest of the whole.
 */
export function recordFileName(taskId: string): string {
  let name = "";
  for (const byte of Buffer.from(taskId, "utf8")) {
    const safe =
      (byte >= 0x61 && byte <= 0x7a) ||
      (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x5f ||
      byte === 0x2d;
    name += safe ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`;
  }
  if (name.length > 200) {
    const digest = process
      .getBuiltinModule("node:crypto")
      .createHash("sha256")
      .update(taskId)
      .digest("hex");
    name = `${name.slice(0, 150)}~${digest.slice(0, 32)}`;
  }
  return `${name}.json`;
}
