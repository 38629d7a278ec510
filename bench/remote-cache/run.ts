/**
 * Remote cache throughput and memory: Turbine's client vs turbo 2.11.13's own, same server.
 *
 *   node bench/remote-cache/run.ts [sizeMiB=1024] [--signed]
 *
 * A file of random (incompressible) bytes goes up to and down from the real
 * turborepo-remote-cache server on 127.0.0.1. Turbine moves the file as the artifact; turbo runs a
 * task whose output is that file (`--cache=remote:w`, then `--cache=remote:r` with the local
 * cache deleted), so its numbers include tar + zstd + restore. Peak RSS comes from GNU time and
 * covers each side's whole process; the "process floor" row is Turbine's process with the client
 * and undici loaded and nothing transferred. `--signed` adds a signed upload and download against
 * a second server that stores tags (its chunked GET makes the client verify from the temp file).
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes, randomFillSync } from "node:crypto";
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const require = createRequire(path.join(ROOT, "package.json"));
const TURBO = path.join(
  ROOT,
  "node_modules/.pnpm/@turbo+linux-64@2.11.11/node_modules/@turbo/linux-64/bin/turbo",
);
const args = process.argv.slice(2);
const signed = args.includes("--signed");
const sizeMiB = Number(args.find((a) => !a.startsWith("--")) ?? "1024");
const SIGNATURE_KEY = "bench-signature-key-of-at-least-32-bytes";
const work = await mkdtemp(path.join(tmpdir(), "turbine-bench-rc-"));

interface Measure {
  readonly seconds: number;
  readonly rssMiB: number;
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, "w");
  const chunk = Buffer.alloc(8 << 20);
  for (let written = 0; written < bytes; written += chunk.length) {
    randomFillSync(chunk);
    await handle.write(chunk, 0, Math.min(chunk.length, bytes - written));
  }
  await handle.close();
}

async function startServer(
  storage: string,
  token: string,
  storeTags: boolean,
): Promise<{ url: string; stop: () => void }> {
  const entry = path.join(path.dirname(require.resolve("turborepo-remote-cache")), "index.js");
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      HOST: "127.0.0.1",
      PORT: "0",
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      TURBO_TOKEN: token,
      // The server stores and echoes x-artifact-tag only when it has a key of its own.
      ...(storeTags ? { TURBO_REMOTE_CACHE_SIGNATURE_KEY: "store-tags" } : {}),
      BODY_LIMIT: String(4 * 1024 ** 3),
      LOG_LEVEL: "warn",
      ENABLE_STATUS_LOG: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // warn level hides the listening line; poll the port from /proc instead of parsing logs.
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const timer = setInterval(() => {
      void run("ss", ["-ltnpH"]).then(({ stdout }) => {
        const line = stdout.split("\n").find((l) => l.includes(`pid=${String(child.pid)},`));
        const port = line === undefined ? undefined : /127\.0\.0\.1:(\d+)/.exec(line)?.[1];
        if (port !== undefined) {
          clearInterval(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      }, reject);
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`server exited ${String(code)}: ${out}`));
    });
  });
  return { url, stop: () => child.kill("SIGKILL") };
}

/** Runs a command under GNU time; returns wall seconds, peak RSS and stdout. */
async function timed(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const start = performance.now();
  const { stdout, stderr } = await run("/usr/bin/time", ["-f", "RSS_KB=%M", cmd, ...args], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - start) / 1000;
  const rss = /RSS_KB=(\d+)/.exec(stderr)?.[1];
  return { seconds, rssMiB: Number(rss) / 1024, stdout, end: Date.now() };
}

async function turbineSide(
  mode: "put" | "get" | "idle",
  url: string,
  token: string,
  hash: string,
  target: string,
  key?: string,
) {
  const script = path.join(import.meta.dirname, "turbine-side.mjs");
  const keyArg = key === undefined ? [] : [key];
  const r = await timed(process.execPath, [
    script,
    mode,
    url,
    token,
    "team_bench",
    hash,
    target,
    ...keyArg,
  ]);
  const line = r.stdout.trim().split("\n").pop() ?? "{}";
  if (process.env.BENCH_VERBOSE) console.error(`${mode}: ${line}`);
  const { ms } = JSON.parse(line) as { ms: number };
  return { seconds: ms / 1000, rssMiB: r.rssMiB } satisfies Measure;
}

async function turboRepo(dir: string, source: string): Promise<void> {
  await mkdir(path.join(dir, "packages/big"), { recursive: true });
  const json = (rel: string, value: unknown) =>
    writeFile(path.join(dir, rel), JSON.stringify(value, null, 2));
  await json("package.json", {
    name: "bench",
    private: true,
    packageManager: "npm@10.9.2",
    workspaces: ["packages/*"],
  });
  await json("packages/big/package.json", {
    name: "big",
    version: "1.0.0",
    scripts: { build: `cp ${source} out.bin` },
  });
  await json("turbo.json", { tasks: { build: { outputs: ["out.bin"] } } });
  await json("package-lock.json", {
    name: "bench",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "bench", workspaces: ["packages/*"] },
      "node_modules/big": { resolved: "packages/big", link: true },
      "packages/big": { name: "big", version: "1.0.0" },
    },
  });
  await writeFile(path.join(dir, ".gitignore"), "node_modules/\n.turbo/\nout.bin\n");
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=b", "-c", "user.email=b@b", ...args], { cwd: dir });
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-qm", "init");
}

async function turboSide(dir: string, url: string, token: string) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TURBO_TELEMETRY_DISABLED: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    TURBO_API: url,
    TURBO_TOKEN: token,
    TURBO_TEAMID: "team_bench",
    TURBO_REMOTE_CACHE_TIMEOUT: "0",
    TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT: "0",
  };
  const up = await timed(
    TURBO,
    ["run", "build", "--cache=remote:w", "--summarize", "--output-logs=none"],
    { cwd: dir, env },
  );
  const summaryDir = path.join(dir, ".turbo/runs");
  const summaryFile = (await run("ls", [summaryDir])).stdout.trim().split("\n")[0] ?? "";
  const summary = JSON.parse(await readFile(path.join(summaryDir, summaryFile), "utf8")) as {
    tasks: { execution: { endTime: number } }[];
  };
  const taskEnd = summary.tasks[0]?.execution.endTime ?? up.end;
  await rm(path.join(dir, ".turbo"), { recursive: true, force: true });
  await rm(path.join(dir, "packages/big/out.bin"), { force: true });
  await rm(path.join(dir, "packages/big/.turbo"), { recursive: true, force: true });
  const down = await timed(TURBO, ["run", "build", "--cache=remote:r", "--output-logs=none"], {
    cwd: dir,
    env,
  });
  if (!down.stdout.includes("1 cached"))
    throw new Error(`turbo did not hit the remote cache:\n${down.stdout}`);
  return {
    put: { seconds: (up.end - taskEnd) / 1000, rssMiB: up.rssMiB },
    get: { seconds: down.seconds, rssMiB: down.rssMiB },
  };
}

try {
  const bytes = sizeMiB * 1024 * 1024;
  const source = path.join(work, "random.bin");
  await writeRandomFile(source, bytes);
  const token = randomBytes(12).toString("hex");
  const server = await startServer(path.join(work, "store"), token, false);
  try {
    const downloads = path.join(work, "downloads");
    await mkdir(downloads);
    const hash = "b0b0b0b0b0b0b0b0";
    const tPut = await turbineSide("put", server.url, token, hash, source);
    const tGet = await turbineSide("get", server.url, token, hash, downloads);
    await rm(downloads, { recursive: true, force: true });
    const floor = await turbineSide("idle", server.url, token, hash, downloads);
    let signedRows: readonly [Measure, Measure] | undefined;
    if (signed) {
      // A server that stores tags answers 404 for an untagged artifact, so it gets its own.
      const tagged = await startServer(path.join(work, "store-tagged"), token, true);
      try {
        const sHash = "5151515151515151";
        const sPut = await turbineSide("put", tagged.url, token, sHash, source, SIGNATURE_KEY);
        await mkdir(downloads);
        const sGet = await turbineSide("get", tagged.url, token, sHash, downloads, SIGNATURE_KEY);
        await rm(downloads, { recursive: true, force: true });
        signedRows = [sPut, sGet];
      } finally {
        tagged.stop();
      }
    }
    const repo = path.join(work, "repo");
    await turboRepo(repo, source);
    const turbo = await turboSide(repo, server.url, token);
    const mbps = (m: Measure) => (bytes / 1e6 / m.seconds).toFixed(0);
    const row = (name: string, m: Measure) =>
      `| ${name} | ${m.seconds.toFixed(2)} | ${mbps(m)} | ${m.rssMiB.toFixed(0)} |`;
    console.log(
      `\n${sizeMiB} MiB random artifact, turborepo-remote-cache 2.12.0 on loopback, ${new Date().toISOString()}\n`,
    );
    console.log("| side | seconds | MB/s | peak RSS (MiB) |\n|---|---|---|---|");
    console.log(row("Turbine upload (PUT from file)", tPut));
    console.log(row("turbo upload (after the task: tar+zstd+PUT)", turbo.put));
    console.log(row("Turbine download (GET to temp file)", tGet));
    console.log(row("turbo download (whole `turbo run`: GET+unzstd+restore)", turbo.get));
    if (signedRows !== undefined) {
      console.log(row("Turbine upload, signed (tag from the file, then PUT)", signedRows[0]));
      console.log(row("Turbine download, signed (GET, then tag from the file)", signedRows[1]));
    }
    console.log(
      `| Turbine process floor (client + undici loaded, idle) | - | - | ${floor.rssMiB.toFixed(0)} |`,
    );
    console.log(
      `\nratios (turbo time / Turbine time): upload ${(turbo.put.seconds / tPut.seconds).toFixed(2)}x, download ${(turbo.get.seconds / tGet.seconds).toFixed(2)}x`,
    );
  } finally {
    server.stop();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
