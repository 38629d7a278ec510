import { realpathSync } from "node:fs";

import { CoalescedOutput } from "./coalesced-output.js";
import { main } from "./main.js";

// The only place that touches the real process: argv, streams, exit code and signals.
const output = new CoalescedOutput(process.stdout, process.stderr);
// turbo 2.10+: the first Ctrl-C (or SIGTERM) shuts the run down gracefully, the second kills the
// tasks still stopping, a third leaves at once.
const shutdown = new AbortController();
const force = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals++;
  if (signals === 1) shutdown.abort();
  else if (signals === 2) force.abort();
  else {
    output.flush();
    process.exit(130);
  }
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// Whatever ends the process (an uncaught bug included), pending output is written first.
process.on("exit", () => {
  output.flush();
});

const script = process.argv[1];
const { exitCode } = await main(process.argv.slice(2), {
  stdout: output.stdout,
  stderr: output.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: shutdown.signal,
  forceSignal: force.signal,
  drained: () => output.drained(),
  ...(script === undefined ? {} : { executable: realpathSync(script) }),
});

// Exit as soon as the output is flushed: idle keep-alive sockets (remote cache) must not hold the
// process open for seconds after the run is over.
output.flush();
const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    stream.write("", () => {
      resolve();
    });
  });
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
