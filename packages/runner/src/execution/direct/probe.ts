import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One shell the package manager started during the probe, as the shell saw the world. */
export interface Invocation {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface ProbeRun {
  readonly invocations: readonly Invocation[];
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, or the signal's name. */
  readonly exit: number | string;
}

export interface ProbeOptions {
  /** The package manager command and its argv (`npm`, `run build -- x`). */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** A folder the probe may write into; removed by the caller. */
  readonly dir: string;
  readonly signal: AbortSignal;
}

/**
 * A stand-in shell: records its argv, cwd and environment and exits 0 without running the
 * script. Started through a `#!` line naming this Node.js directly, so no real shell touches the
 * environment first (`sh` would set PWD).
 */
export async function writeProbeShell(
  dir: string,
  name: string,
): Promise<{ path: string; records: string }> {
  const folder = await mkdtemp(join(dir, "probe-"));
  const path = join(folder, name);
  const records = join(folder, "invocations.jsonl");
  const code =
    `require("node:fs").appendFileSync(${JSON.stringify(records)}, JSON.stringify(` +
    `{ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }) + "\\n");\n`;
  await writeFile(path, `#!${process.execPath}\n${code}`, { mode: 0o755 });
  return { path, records };
}

/** Runs the package manager with the probe in place of its shell; never rejects on exit codes. */
export async function runProbe(options: ProbeOptions, records: string): Promise<ProbeRun> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    signal: options.signal,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const exit = await new Promise<number | string>((done) => {
    child.once("error", (error) => {
      done(error.message);
    });
    child.once("close", (code, signal) => {
      done(code ?? signal ?? "unknown");
    });
  });
  let text = "";
  try {
    text = await readFile(records, "utf8");
  } catch {
    // the manager never started a shell
  }
  const invocations = text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Invocation);
  return {
    invocations,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    exit,
  };
}

/** A `#!` line must be one word the kernel can read whole. */
export function probeShebangUsable(): boolean {
  return !/\s/.test(process.execPath) && process.execPath.length < 120;
}
