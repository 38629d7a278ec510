// Preloaded (`node --import`) into a run of the bundled `turbine` bin by test/bundled-cli.test.ts.
// Records every module the process loads (bundle chunks and node: built-ins) and, with
// TURBINE_OBSERVE_COMMIT_THREAD=1, steers restores onto the commit thread: the first file a
// restore creates on the main thread costs 15 ms, which starts the thread, and later ones wait
// until the thread is online, so the restores after it go there. At exit it writes
// `{ modules, commitJobs, commitReplies, commitErrors }` to TURBINE_OBSERVE_FILE.
// Its one import (node:module, which the bin loads first anyway) comes before it records; the rest
// it takes with process.getBuiltinModule, so the modules it records are the bin's own.
import { registerHooks } from "node:module";

const { performance } = globalThis;
const modules = [];
registerHooks({
  load(url, context, nextLoad) {
    modules.push(url);
    return nextLoad(url, context);
  },
});

const commit = { jobs: 0, replies: 0, errors: 0 };
const fs = process.getBuiltinModule("node:fs");
const { syncBuiltinESMExports } = process.getBuiltinModule("node:module");

if (process.env.TURBINE_OBSERVE_COMMIT_THREAD === "1") {
  const threads = process.getBuiltinModule("node:worker_threads");
  const marker = process.env.TURBINE_OBSERVE_OUTPUTS;
  let online;
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    constructor(source, options) {
      super(source, options);
      if (typeof source !== "string" || !source.includes("runCommitOps")) return;
      online = new Int32Array(options.workerData);
      this.on("message", (reply) => {
        if (reply.ready === true) return;
        commit.replies++;
        if (reply.error !== undefined) commit.errors++;
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (Array.isArray(message?.ops)) commit.jobs++;
        post(message, transfer);
      };
    }
  };
  const openSync = fs.openSync;
  let slowed = false;
  fs.openSync = function (path, ...rest) {
    if (typeof path === "string" && marker !== undefined && path.includes(marker)) {
      if (!slowed) {
        slowed = true;
        const until = performance.now() + 15;
        while (performance.now() < until);
      } else if (online !== undefined) {
        const deadline = performance.now() + 30_000;
        while (Atomics.load(online, 0) !== 1 && performance.now() < deadline) {
          Atomics.wait(online, 0, 0, 5);
        }
      }
    }
    return openSync.call(this, path, ...rest);
  };
  syncBuiltinESMExports();
}

process.on("exit", () => {
  const file = process.env.TURBINE_OBSERVE_FILE;
  if (file === undefined) return;
  fs.writeFileSync(
    file,
    JSON.stringify({
      modules,
      commitJobs: commit.jobs,
      commitReplies: commit.replies,
      commitErrors: commit.errors,
    }),
  );
});
