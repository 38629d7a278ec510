import { CoalescedOutput } from "./coalesced-output.js";
import { main } from "./main.js";

// The only place that touches the real process: argv, streams, exit code and Ctrl-C.
const output = new CoalescedOutput(process.stdout, process.stderr);
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts > 1) {
    output.flush();
    process.exit(130);
  }
  controller.abort();
});
process.on("SIGTERM", () => {
  controller.abort();
});
// Whatever ends the process (an uncaught bug included), pending output is written first.
process.on("exit", () => {
  output.flush();
});

const { exitCode } = await main(process.argv.slice(2), {
  stdout: output.stdout,
  stderr: output.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  drained: () => output.drained(),
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
process.exit(controller.signal.aborted && exitCode === 0 ? 130 : exitCode);
