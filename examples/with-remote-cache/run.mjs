// Two fresh clones of examples/basic share one remote cache: a self-hosted turborepo-remote-cache
// on 127.0.0.1 with signed artifacts. The first clone builds and uploads; the second, with an
// empty local cache, restores every task from the remote (>>> FULL TURBO).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const turbine = path.join(
  path.dirname(require.resolve("@turbine/cli/package.json")),
  "bin",
  "turbine.js",
);
const work = realpathSync(mkdtempSync(path.join(tmpdir(), "turbine-remote-example-")));
const token = randomBytes(16).toString("hex");

/** Starts the server on a free port; it exits when this script does (its stdin closes). */
function startServer() {
  const entry = path.join(path.dirname(require.resolve("turborepo-remote-cache")), "index.js");
  const wrapper = `process.stdin.resume(); process.stdin.on("end", () => process.exit(0)); await import(${JSON.stringify(entry)});`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", wrapper], {
    env: {
      PATH: process.env.PATH,
      HOST: "127.0.0.1",
      PORT: "0",
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: path.join(work, "server-storage"),
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      TURBO_TOKEN: token,
      // The server stores and echoes x-artifact-tag only when this is set (to anything).
      TURBO_REMOTE_CACHE_SIGNATURE_KEY: "store-tags",
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    child.stdout.on("data", (chunk) => {
      if (log === null) return;
      log += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        log = null;
        resolve({ url: match[1], stop: () => child.kill() });
      }
    });
    child.once("exit", (code) => reject(new Error(`the cache server exited (${code})`)));
  });
}

function git(cwd, ...args) {
  execFileSync(
    "git",
    ["-c", "user.name=example", "-c", "user.email=example@turbine.invalid", ...args],
    {
      cwd,
      stdio: "ignore",
    },
  );
}

const server = await startServer();
let exitCode = 0;
try {
  // One origin repository, two fresh clones of it.
  const origin = path.join(work, "origin");
  cpSync(path.join(here, "..", "basic"), origin, { recursive: true });
  // Signed artifacts: uploads carry x-artifact-tag, downloads are verified before restoring.
  const turboJson = path.join(origin, "turbo.json");
  const config = JSON.parse(readFileSync(turboJson, "utf8"));
  writeFileSync(
    turboJson,
    JSON.stringify({ ...config, remoteCache: { signature: true } }, null, 2),
  );
  git(origin, "init", "-q");
  git(origin, "add", "-A");
  git(origin, "commit", "-qm", "examples/basic");
  const env = {
    ...process.env,
    TURBO_API: server.url,
    TURBO_TOKEN: token,
    TURBO_TEAMID: "team_example",
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: randomBytes(32).toString("hex"),
  };
  for (const name of ["first-clone", "second-clone"]) {
    const clone = path.join(work, name);
    execFileSync("git", ["clone", "-q", origin, clone]);
    console.log(`\n=== turbine run build in ${name} (empty local cache)`);
    const result = execFileSync(process.execPath, [turbine, "run", "build"], {
      cwd: clone,
      env,
      encoding: "utf8",
    });
    process.stdout.write(result);
    if (name === "second-clone" && !result.includes(">>> FULL TURBO")) {
      console.error("example: the second clone was not fully cached from the remote");
      exitCode = 1;
    }
  }
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = exitCode;
