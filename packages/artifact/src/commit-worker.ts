import { Worker } from "node:worker_threads";

import { type CommitOp, runCommitOps } from "./commit-ops.js";

/**
 * Jobs waiting on the worker at most; past this `accepts()` is false and the caller commits on
 * its own thread, so the two threads share a long run of restores instead of one idling.
 */
const MAX_QUEUED = 4;

/**
 * Slots of the state shared with the worker. Read with `Atomics`, not messages: a run of
 * restores can keep the main thread in promise jobs without a turn of the event loop, which is
 * when messages (and the worker's `online` event) are delivered.
 */
const ONLINE = 0;
const DONE = 1;

/**
 * After a job, the worker polls for the next one this long before it goes back to sleep. Waking
 * a sleeping thread is a system call that costs the sender 150-250 us on a small VM (the other
 * core is halted and must be woken), more than a commit's own work; a message to a thread that
 * is polling costs under 10 us. So during a run of restores the worker stays awake on its core,
 * and a few milliseconds after the last one it sleeps.
 */
const POLL_MS = 3;

/**
 * The worker's whole program: `runCommitOps` (self-contained, see there) and a message loop.
 * Evaluated from a string so it needs no file of its own next to a bundle. A test fails when
 * `runCommitOps` names anything its own text does not declare (test/commit-worker.test.ts), and
 * another runs a restore on this thread from the bundled CLI (test/bundled-cli.test.ts).
 */
const SOURCE = `"use strict";
const { parentPort, receiveMessageOnPort, workerData } = require("node:worker_threads");
const state = new Int32Array(workerData);
const fs = require("node:fs");
const path = require("node:path");
const runCommitOps = ${runCommitOps.toString()};
const temp = { prefix: ".turbine-restore-" + process.pid + "-w", n: 0 };
function handle(job) {
  try {
    runCommitOps(fs, path, job.ops, job.data, temp);
    Atomics.add(state, ${String(DONE)}, 1);
    parentPort.postMessage({ id: job.id });
  } catch (e) {
    Atomics.add(state, ${String(DONE)}, 1);
    const error = e instanceof Error ? e : new Error(String(e));
    parentPort.postMessage({ id: job.id, error: { name: error.name, message: error.message,
      code: error.code, errno: error.errno, syscall: error.syscall, path: error.path, dest: error.dest } });
  }
}
parentPort.on("message", (job) => {
  handle(job);
  let until = performance.now() + ${String(POLL_MS)};
  while (performance.now() < until) {
    const next = receiveMessageOnPort(parentPort);
    if (next !== undefined) {
      handle(next.message);
      until = performance.now() + ${String(POLL_MS)};
    }
  }
});
Atomics.store(state, ${String(ONLINE)}, 1);
parentPort.postMessage({ ready: true });
`;

interface SentError {
  name: string;
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
  dest?: string;
}

interface Job {
  resolve(): void;
  reject(error: Error): void;
}

export interface CommitWorkerOptions {
  /**
   * Start the thread only once commits run on the caller's thread (`noteLocalCommit`) have taken
   * this many milliseconds in all; 0 (the default) starts it at once. A thread costs tens of
   * milliseconds of CPU to start: worth it when creating files is slow (right after outputs were
   * deleted, or on a slow disk), not when a whole run of commits costs less than that.
   */
  readonly startAfterMs?: number;
}

/**
 * A thread that runs the file-system steps of in-place commits (`runCommitOps`), so a run of
 * many restores spreads the kernel's inode creation over two cores while the main thread decodes
 * and validates the next archive. It takes jobs only once it is online (until then, and whenever
 * it is busy, commits run on the caller's thread), keeps the process alive only while a job is in
 * flight, and if it ever fails, every job in flight is rejected and it accepts no more.
 */
export class CommitWorker {
  #worker: Worker | undefined;
  readonly #jobs = new Map<number, Job>();
  readonly #state = new Int32Array(new SharedArrayBuffer(8));
  readonly #ready: Promise<void>;
  #readyWaiter: { resolve(): void; reject(error: Error): void } | undefined;
  #nextId = 0;
  #failed = false;
  #waitedFor = false;
  #localMs = 0;
  readonly #startAfterMs: number;

  constructor(options: CommitWorkerOptions = {}) {
    this.#startAfterMs = options.startAfterMs ?? 0;
    this.#ready = new Promise<void>((resolve, reject) => {
      this.#readyWaiter = { resolve, reject };
    });
    this.#ready.catch(() => undefined); // a failure nobody waits for is not unhandled
    if (this.#startAfterMs <= 0) this.#start();
  }

  /** Whether the thread has been started (see `startAfterMs`). */
  get started(): boolean {
    return this.#worker !== undefined;
  }

  /** Tells how long a commit run on the caller's thread took; may start the thread. */
  noteLocalCommit(ms: number): void {
    if (this.#worker !== undefined || this.#failed) return;
    this.#localMs += ms;
    if (this.#localMs >= this.#startAfterMs) this.#start();
  }

  /** The thread, started now if it was not; undefined if it could not be (the worker failed). */
  #start(): Worker | undefined {
    if (this.#worker !== undefined || this.#failed) return this.#worker;
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, {
        eval: true,
        execArgv: [],
        stdout: true,
        stderr: true,
        workerData: this.#state.buffer,
      });
    } catch (error) {
      // e.g. threads refused by the permission model: commits stay on the caller's thread
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      return undefined;
    }
    this.#worker = worker;
    worker.unref();
    worker.on("message", (reply: { id: number; error?: SentError } | { ready: true }) => {
      if ("ready" in reply) this.#readyWaiter?.resolve();
      else this.#settle(reply);
    });
    worker.on("error", (error: unknown) => {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    });
    worker.on("exit", (code) => {
      this.#fail(new Error(`the commit worker exited (code ${String(code)})`));
    });
    return worker;
  }

  /** True when a job would start now (or soon) on the worker rather than wait behind others. */
  accepts(): boolean {
    if (this.#failed || this.#worker === undefined) return false;
    if (Atomics.load(this.#state, ONLINE) !== 1) return false;
    return this.#nextId - Atomics.load(this.#state, DONE) < MAX_QUEUED;
  }

  /**
   * Starts the thread if it was not yet, and resolves once it takes jobs (`accepts()` then holds
   * until it is busy); rejects if it failed to start or was closed. Nothing needs to wait for it:
   * before then, commits run on their own thread.
   */
  ready(): Promise<void> {
    const worker = this.#failed ? undefined : this.#start();
    if (worker === undefined) return this.#ready; // rejected by the failure
    if (!this.#waitedFor) {
      this.#waitedFor = true; // someone waits: keep the process alive until it is settled
      worker.ref();
      void this.#ready
        .catch(() => undefined)
        .finally(() => {
          if (this.#jobs.size === 0) worker.unref();
        });
    }
    return this.#ready;
  }

  /** Jobs the thread has finished so far (succeeded or failed). */
  get jobsRun(): number {
    return Atomics.load(this.#state, DONE);
  }

  /** Runs `ops` on the worker; `data` is transferred (unusable here afterwards). */
  run(ops: readonly CommitOp[], data: Uint8Array): Promise<void> {
    const worker = this.#start();
    if (worker === undefined || this.#failed) {
      return Promise.reject(new Error("the commit worker has stopped"));
    }
    const id = this.#nextId++;
    const done = new Promise<void>((resolve, reject) => {
      this.#jobs.set(id, { resolve, reject });
    });
    if (this.#jobs.size === 1) worker.ref();
    worker.postMessage({ id, ops, data }, [data.buffer as ArrayBuffer]);
    return done;
  }

  /** Stops the thread; jobs in flight are rejected. */
  async close(): Promise<void> {
    this.#fail(new Error("the commit worker was closed"));
    await this.#worker?.terminate();
  }

  #settle(reply: { id: number; error?: SentError }): void {
    const job = this.#jobs.get(reply.id);
    if (job === undefined) return;
    this.#jobs.delete(reply.id);
    if (this.#jobs.size === 0) this.#worker?.unref();
    if (reply.error === undefined) job.resolve();
    else job.reject(rebuildError(reply.error));
  }

  #fail(error: Error): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#readyWaiter?.reject(error);
    for (const job of this.#jobs.values()) job.reject(error);
    this.#jobs.clear();
    this.#worker?.unref();
  }
}

/** The worker's error as the same kind of object a synchronous `fs` call would have thrown. */
function rebuildError(sent: SentError): Error {
  const error: NodeJS.ErrnoException & { dest?: string } = new Error(sent.message);
  error.name = sent.name;
  if (sent.code !== undefined) error.code = sent.code;
  if (sent.errno !== undefined) error.errno = sent.errno;
  if (sent.syscall !== undefined) error.syscall = sent.syscall;
  if (sent.path !== undefined) error.path = sent.path;
  if (sent.dest !== undefined) error.dest = sent.dest;
  return error;
}
