// Runs the turbine CLI in this process and prints its exit code and peak RSS (KiB) as JSON on
// stderr's last line, for tests that bound memory. argv: the CLI's arguments.
import { main } from "@turbine/cli";

const sink = { write: () => true };
const { exitCode } = await main(process.argv.slice(2), {
  stdout: sink,
  stderr: sink,
  env: process.env,
  cwd: process.cwd(),
});
process.stderr.write(
  `\n${JSON.stringify({ exitCode, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
);
