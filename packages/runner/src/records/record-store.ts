import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";

import { writeFileAtomic } from "@turbine/cache";
import { compareUtf8, type TaskRecord } from "@turbine/hasher";
import pLimit from "p-limit";

import { fromDisk, objectNames, recordFileName, toDisk } from "./record-disk.js";

/** Where a repository keeps its task records, relative to the repo root. */
export const TASK_RECORDS_DIR = join(".turbo", "turbine", "records");

const INDEX_FORMAT = "turbine-task-record-index";
/** Unreferenced objects and stale staging files younger than this are left for a concurrent run. */
const PRUNE_GRACE_MS = 60 * 60 * 1000;
/** Files written at once: enough to keep the disk busy, far below any descriptor limit. */
const WRITE_CONCURRENCY = 16;

/** The store's table of contents: one entry per task id. */
export interface TaskRecordIndexEntry {
  /** The hash of the task's record. */
  readonly hash: string;
  /** The record's `outcome.durationMs`. */
  readonly durationMs: number;
  /** The shared objects the record names (kept while some entry names them). */
  readonly objects: readonly string[];
}

/**
 * The task record store: the last real run of every task, one file per task id (so it does not
 * grow with history), under `.turbo/turbine/records/` by default:
 *
 *   index.json           task id → { hash, durationMs, objects }
 *   tasks/<id>.json      the record (see `TaskRecord`), shared parts named by object
 *   objects/<name>.json  global inputs (`global-<global hash>`) and lockfile closures
 *                        (`closure-<closure hash>`), shared by the records that name them
 *
 * Every file is written whole through a staging file and a rename, so a reader sees an old or a
 * new file, never a mix; two runs writing at once each leave whole records (the index keeps the
 * last writer's entries merged over what it read). A missing, corrupt or foreign record reads as
 * undefined. Records hold no raw env values, and nothing here is ever uploaded.
 */
export class TaskRecordStore {
  readonly dir: string;
  readonly #objects = new Map<string, Promise<unknown>>();
  /** Objects this store instance has written or found. */
  readonly #written = new Set<string>();
  #ready: Promise<void> | undefined;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** The store of the repository at `repoRoot`. */
  static forRepo(repoRoot: string): TaskRecordStore {
    return new TaskRecordStore(join(repoRoot, TASK_RECORDS_DIR));
  }

  /** A store in any directory, e.g. a copy of a CI machine's records. */
  static at(dir: string): TaskRecordStore {
    return new TaskRecordStore(dir);
  }

  /** The index; empty when it is missing or unreadable. */
  async index(): Promise<Map<string, TaskRecordIndexEntry>> {
    const value = await readJson(join(this.dir, "index.json"));
    const out = new Map<string, TaskRecordIndexEntry>();
    if (!isObject(value) || value.format !== INDEX_FORMAT || value.version !== 1) return out;
    if (!isObject(value.tasks)) return out;
    for (const [taskId, entry] of Object.entries(value.tasks)) {
      if (
        isObject(entry) &&
        typeof entry.hash === "string" &&
        typeof entry.durationMs === "number" &&
        Array.isArray(entry.objects) &&
        entry.objects.every((o) => typeof o === "string")
      ) {
        out.set(taskId, entry as unknown as TaskRecordIndexEntry);
      }
    }
    return out;
  }

  /** The last record of `taskId`; undefined when there is none or it is unusable. */
  async read(taskId: string): Promise<TaskRecord | undefined> {
    const value = await readJson(join(this.dir, "tasks", recordFileName(taskId)));
    const record = await fromDisk(value, (name) => this.#object(name));
    return record?.taskId === taskId ? record : undefined;
  }

  /**
   * Stores `records` (one per task id), then the index, then removes objects no index entry
   * names any more (older than an hour, so a concurrent run's fresh ones stay).
   */
  async write(records: readonly TaskRecord[]): Promise<void> {
    if (records.length === 0) return;
    const limit = pLimit(WRITE_CONCURRENCY);
    await Promise.all(records.map((record) => limit(() => this.put(record))));
    await this.updateIndex(records);
  }

  /**
   * Writes one record and the objects it names, not the index: a run puts records as its tasks
   * finish and updates the index once at the end (`updateIndex`).
   */
  async put(record: TaskRecord): Promise<void> {
    this.#ready ??= this.#prepare();
    await this.#ready;
    const disk = toDisk(record);
    for (const [name, object] of disk.objects) {
      // Content-addressed: an existing object already holds this content.
      if (this.#written.has(name)) continue;
      this.#written.add(name);
      const path = join(this.dir, "objects", `${name}.json`);
      if (!existsSync(path)) await writeFileAtomic(path, `${JSON.stringify(object)}\n`);
    }
    const file = join(this.dir, "tasks", recordFileName(record.taskId));
    await writeFileAtomic(file, `${JSON.stringify(disk.record)}\n`);
  }

  /**
   * Merges `records` into the index as it is now on disk (so a concurrent run's entries stay),
   * then prunes the objects it no longer names when some record let one go.
   */
  async updateIndex(records: readonly TaskRecord[]): Promise<void> {
    if (records.length === 0) return;
    const index = await this.index();
    let released = false;
    for (const record of records) {
      const names = objectNames(record);
      const old = index.get(record.taskId);
      if (old?.objects.some((name) => !names.includes(name)) === true) released = true;
      index.set(record.taskId, {
        hash: record.hash,
        durationMs: record.outcome.durationMs,
        objects: names,
      });
    }
    const tasks = Object.fromEntries([...index].sort((a, b) => compareUtf8(a[0], b[0])));
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(
      join(this.dir, "index.json"),
      `${JSON.stringify({ format: INDEX_FORMAT, version: 1, tasks })}\n`,
    );
    if (released) await this.#prune(index);
  }

  async #prepare(): Promise<void> {
    await mkdir(join(this.dir, "tasks"), { recursive: true });
    await mkdir(join(this.dir, "objects"), { recursive: true });
    // Keeps the records out of git even where `.turbo/` is not ignored (they would change hashes).
    const ignore = join(this.dir, ".gitignore");
    if (!existsSync(ignore)) await writeFileAtomic(ignore, "*\n");
  }

  #object(name: string): Promise<unknown> {
    let pending = this.#objects.get(name);
    if (pending === undefined) {
      pending = readJson(join(this.dir, "objects", `${name}.json`));
      this.#objects.set(name, pending);
    }
    return pending;
  }

  async #prune(index: ReadonlyMap<string, TaskRecordIndexEntry>): Promise<void> {
    const named = new Set<string>();
    for (const entry of index.values()) for (const name of entry.objects) named.add(`${name}.json`);
    const before = Date.now() - PRUNE_GRACE_MS;
    for (const dir of [join(this.dir, "objects"), join(this.dir, "tasks")]) {
      const files = await readdir(dir).catch(() => [] as string[]);
      const objects = dir.endsWith("objects");
      for (const file of files) {
        const stale = file.endsWith(".tmp") || (objects && !named.has(file));
        if (!stale) continue;
        const info = await stat(join(dir, file)).catch(() => undefined);
        if (info !== undefined && info.mtimeMs < before) await rm(join(dir, file), { force: true });
      }
    }
  }
}

/** Parsed JSON of a file; undefined when it is missing, unreadable or not JSON. */
async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
