import {
  compareUtf8,
  type GlobalHashExplanation,
  type LockfileEntry,
  parseTaskRecord,
  type TaskRecord,
} from "@turbine/hasher";

/**
 * A task record as stored in `tasks/<name>.json`: the record with its shared parts (the global
 * inputs and the lockfile closures, the same for many tasks) replaced by the names of the
 * objects holding them (`objects/<name>.json`), or null, and its file map written as an object
 * of path → the first 16 hex digits of the blob id (64 bits tell a changed file as surely as
 * turbo's 64-bit task hash tells a changed task, in a record half the size).
 */
export type DiskRecord = Omit<TaskRecord, "global" | "rootClosure" | "closure" | "explanation"> & {
  readonly explanation: Omit<TaskRecord["explanation"], "inputs"> & {
    readonly inputs: Readonly<Record<string, string>>;
  };
  readonly global: string | null;
  readonly rootClosure: string | null;
  readonly closure: string | null;
};

/** Hex digits of a blob id kept in a stored file map. */
export const STORED_BLOB_ID_LENGTH = 16;

export const GLOBAL_OBJECT_FORMAT = "turbine-task-record-global";
export const CLOSURE_OBJECT_FORMAT = "turbine-task-record-closure";

/** Object names are content hashes; anything else in a record is refused (no path games). */
const OBJECT_NAME = /^(global|closure)-[0-9a-f]{16}$/;
const HASH = /^[0-9a-f]{16}$/;

/** The names of the objects holding a record's shared parts (null: not stored). */
export function objectRefs(record: TaskRecord): {
  global: string | null;
  rootClosure: string | null;
  closure: string | null;
} {
  const closure = (hash: string | null | undefined, entries: unknown): string | null =>
    hash == null || entries === null || !HASH.test(hash) ? null : `closure-${hash}`;
  return {
    global: record.global === null ? null : `global-${record.global.hash}`,
    rootClosure: closure(record.global?.inputs.hashOfExternalDependencies, record.rootClosure),
    closure: closure(record.explanation.hashOfExternalDependencies, record.closure),
  };
}

/** The distinct object names a record refers to. */
export function objectNames(record: TaskRecord): string[] {
  const { global, rootClosure, closure } = objectRefs(record);
  return [...new Set([global, rootClosure, closure].filter((n): n is string => n !== null))];
}

/** The record in its stored form, and the objects it names (name → JSON value). */
export function toDisk(record: TaskRecord): {
  record: DiskRecord;
  objects: Map<string, unknown>;
} {
  const refs = objectRefs(record);
  const objects = new Map<string, unknown>();
  const { version } = record;
  if (refs.global !== null && record.global !== null) {
    objects.set(refs.global, { format: GLOBAL_OBJECT_FORMAT, version, ...record.global });
  }
  const closures: [string | null, readonly LockfileEntry[] | null][] = [
    [refs.rootClosure, record.rootClosure],
    [refs.closure, record.closure],
  ];
  for (const [name, entries] of closures) {
    if (name === null || entries === null) continue;
    const packages = entries.map((e) => [e.key, e.version]);
    objects.set(name, { format: CLOSURE_OBJECT_FORMAT, version, hash: name.slice(8), packages });
  }
  const inputs: Record<string, string> = {};
  for (const [path, id] of record.explanation.inputs) {
    inputs[path] = id.slice(0, STORED_BLOB_ID_LENGTH);
  }
  return {
    record: { ...record, explanation: { ...record.explanation, inputs }, ...refs },
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
    explanation: withEntries(stored.explanation),
    global: global === null ? null : globalOf(global),
    rootClosure: closureOf(rootClosure),
    closure: closureOf(closure),
  });
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

/** A stored explanation with its file map back as byte-ordered entries (any other shape: as is). */
function withEntries(explanation: unknown): unknown {
  if (typeof explanation !== "object" || explanation === null) return explanation;
  const { inputs } = explanation as { inputs?: unknown };
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return explanation;
  const entries = Object.entries(inputs).sort((a, b) => compareUtf8(a[0], b[0]));
  return { ...explanation, inputs: entries };
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
