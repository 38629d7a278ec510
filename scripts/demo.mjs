// The quick-start demo: Turbine builds examples/basic in a fresh git repository, cold, then again
// fully cached from the local cache. Exits non-zero if the second run is not a full cache hit.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const turbine = path.join(root, "packages", "cli", "bin", "turbine.js");
const work = realpathSync(mkdtempSync(path.join(tmpdir(), "turbine-demo-")));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: work, encoding: "utf8", ...options });
  if (result.error) throw result.error;
  return result;
}

try {
  cpSync(path.join(root, "examples", "basic"), work, { recursive: true });
  const git = [
    "-c",
    "user.name=demo",
    "-c",
    "user.email=demo@turbine.invalid",
    "-c",
    "commit.gpgsign=false",
  ];
  run("git", ["init", "-q"]);
  run("git", [...git, "add", "-A"]);
  run("git", [...git, "commit", "-qm", "examples/basic"]);

  let exitCode = 0;
  for (const label of ["cold run", "cached run"]) {
    console.log(`\n=== turbine run build (${label}) in ${work}`);
    const result = run(process.execPath, [turbine, "run", "build"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.stdout.write(result.stdout);
    if (result.status !== 0) {
      exitCode = result.status ?? 1;
      break;
    }
    if (label === "cached run" && !result.stdout.includes(">>> FULL TURBO")) {
      console.error("demo: the second run was not fully cached");
      exitCode = 1;
    }
  }
  process.exitCode = exitCode;
} finally {
  rmSync(work, { recursive: true, force: true });
}
