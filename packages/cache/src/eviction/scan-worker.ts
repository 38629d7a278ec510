import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";

import { type CacheScan, scanCacheDir } from "./cache-scan.js";

/** The worker's whole program: `scanCacheDir` (self-contained) on the directory it is given. */
const SOURCE = `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const scanCacheDir = ${scanCacheDir.toString()};
parentPort.postMessage(scanCacheDir(require("node:fs"), require("node:path"), workerData));
`;

/**
 * Scans a cache directory on a thread of its own while a run works: listing and statting tens of
 * thousands of files then costs the run's thread nothing. The thread never keeps the process
 * alive. If it cannot start, fails, or has not even started by the time the result is wanted (a
 * run shorter than a thread's start-up, ~10-30 ms), `result()` scans on the caller's thread
 * instead: waiting for a thread to boot would cost more than a small directory's scan.
 */
export class ScanWorker {
  #worker: Worker | undefined;
  #online = false;
  readonly #result: Promise<CacheScan | undefined>;

  constructor(private readonly cacheDir: string) {
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, { eval: true, execArgv: [], workerData: cacheDir });
    } catch {
      this.#result = Promise.resolve(undefined);
      return;
    }
    worker.unref();
    worker.once("online", () => {
      this.#online = true;
    });
    this.#worker = worker;
    this.#result = new Promise((resolve) => {
      worker.once("message", (scan: CacheScan) => {
        resolve(scan);
      });
      worker.once("error", () => {
        resolve(undefined);
      });
      worker.once("exit", () => {
        resolve(undefined);
      });
    });
  }

  /** The scan, waiting for the thread if it is still at it. */
  async result(): Promise<CacheScan> {
    const scan = this.#online ? await this.#waitForWorker() : undefined;
    this.stop();
    return scan ?? scanCacheDir(fs, path, this.cacheDir);
  }

  #waitForWorker(): Promise<CacheScan | undefined> {
    this.#worker?.ref();
    return this.#result;
  }

  stop(): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
  }
}
