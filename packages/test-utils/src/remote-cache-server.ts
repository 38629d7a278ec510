import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { turbineRoot } from "./paths.js";

export interface RemoteCacheServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (use as TURBO_API). */
  readonly url: string;
  /** The bearer token the server accepts (use as TURBO_TOKEN). */
  readonly token: string;
  /** A team id that turbo sends as `teamId` (use as TURBO_TEAMID). */
  readonly team: string;
  /** Where the server stores artifacts: `<storagePath>/<team>/<hash>`. */
  readonly storagePath: string;
  stop(): Promise<void>;
}

export interface RemoteCacheServerOptions {
  /**
   * Store and echo `x-artifact-tag` (the server does this only when its own
   * TURBO_REMOTE_CACHE_SIGNATURE_KEY is set, to any value). Default true.
   */
  readonly storeTags?: boolean;
  /** The server stops by itself after this long (default 10 minutes). */
  readonly maxLifetimeMs?: number;
}

/**
 * The child runs the real server and exits when its stdin closes (the parent died or called
 * stop()) or when its lifetime runs out, so no server outlives the test run.
 */
const WRAPPER = `
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
setTimeout(() => process.exit(0), Number(process.env.TURBINE_MAX_LIFETIME_MS)).unref();
await import(process.env.TURBINE_SERVER_ENTRY);
`;

/** Starts the real `turborepo-remote-cache` 2.12.0 on 127.0.0.1, port 0, with local storage. */
export async function startRemoteCacheServer(
  options: RemoteCacheServerOptions = {},
): Promise<RemoteCacheServer> {
  const storagePath = await realpath(await mkdtemp(path.join(tmpdir(), "turbine-rcs-")));
  const token = `test-token-${randomBytes(8).toString("hex")}`;
  const require = createRequire(path.join(turbineRoot(), "package.json"));
  const entry = path.join(path.dirname(require.resolve("turborepo-remote-cache")), "index.js");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOST: "127.0.0.1",
    PORT: "0",
    NODE_ENV: "production",
    STORAGE_PROVIDER: "local",
    STORAGE_PATH: storagePath,
    STORAGE_PATH_USE_TMP_FOLDER: "false",
    TURBO_TOKEN: token,
    LOG_LEVEL: "info",
    TURBINE_SERVER_ENTRY: entry,
    TURBINE_MAX_LIFETIME_MS: String(options.maxLifetimeMs ?? 600_000),
    ...((options.storeTags ?? true) ? { TURBO_REMOTE_CACHE_SIGNATURE_KEY: "store-tags" } : {}),
  };
  const child = spawn(process.execPath, ["--input-type=module", "-e", WRAPPER], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      child.kill("SIGKILL");
      await exited;
    }
    await rm(storagePath, { recursive: true, force: true });
  };
  try {
    const url = await waitForListening(child);
    return { url, token, team: "team_turbine", storagePath, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForListening(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    let listening = false;
    const timer = setTimeout(() => {
      reject(new Error(`turborepo-remote-cache did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      if (listening) return; // keep draining the pipe, stop collecting
      output += chunk.toString("utf8");
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`turborepo-remote-cache exited (${String(code)}) before listening:\n${output}`),
      );
    });
  });
}
