import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  binPath,
  callerEnv,
  cleanEnv,
  exec,
  execOk,
  type TempRepo,
  type TestPackageManager,
  turbineRoot,
  useTempRepos,
} from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI as a user gets it: `pnpm pack:cli`'s tarball, installed into fresh monorepos written by
// the real npm and pnpm (dependencies come from the registry), globally, and started with an old
// Node. The tarball is packed once from the built bundle (`pnpm test` builds first).

let packDir: string;
let tarball: string;

beforeAll(async () => {
  packDir = await mkdtemp(join(tmpdir(), "turbine-pack-"));
  await execOk(
    binPath("pnpm"),
    ["--filter", "@turbine/cli", "pack", "--pack-destination", packDir],
    {
      cwd: turbineRoot(),
    },
  );
  const [name] = await readdir(packDir);
  tarball = join(packDir, name ?? "");
}, 120_000);

afterAll(async () => {
  await rm(packDir, { recursive: true, force: true });
});

const create = useTempRepos();

function monorepo(packageManager: TestPackageManager): Promise<TempRepo> {
  const internal = packageManager === "pnpm" ? "workspace:*" : "*";
  const build =
    "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.txt','built')\"";
  return create({
    packageManager,
    packages: [
      { name: "app", dependencies: { lib: internal }, scripts: { build } },
      { name: "lib", scripts: { build } },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } },
    files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
  });
}

async function install(repo: TempRepo, packageManager: "npm" | "pnpm"): Promise<void> {
  const [command, args] =
    packageManager === "npm"
      ? ["npm", ["install", "--save-dev", "--no-audit", "--no-fund", tarball]]
      : [binPath("pnpm"), ["add", "--save-dev", "--workspace-root", tarball]];
  // The caller's environment (as the repo helpers install): the registry may need its CA settings.
  await execOk(command, args, { cwd: repo.root, env: callerEnv(), timeoutMs: 300_000 });
}

describe("the packed turbine CLI", () => {
  it("packs into one tarball that needs nothing from this repository", async () => {
    const listing = await execOk("tar", ["tzf", tarball], { cwd: packDir });
    const files = listing.trim().split("\n");
    expect(files).toContain("package/bin/turbine.js");
    expect(files).toContain("package/dist/bundle/bin.js");
    const manifest = JSON.parse(
      await execOk("tar", ["xzf", tarball, "-O", "package/package.json"], { cwd: packDir }),
    ) as { dependencies: Record<string, string> };
    // Only registry packages: the Turbine packages are inside the bundle.
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@yarnpkg/lockfile", "yaml"]);
  });

  it.each(["npm", "pnpm"] as const)(
    "installs into a fresh %s monorepo and builds it, cold then cached",
    async (packageManager) => {
      const repo = await monorepo(packageManager);
      await install(repo, packageManager);
      const turbine = repo.path("node_modules/.bin/turbine");
      const cold = await exec(turbine, ["run", "build"], { cwd: repo.root, env: cleanEnv() });
      expect(cold.stderr).toBe("");
      expect(cold.code).toBe(0);
      expect(cold.stdout).toContain("app:build: cache miss, executing");
      expect(cold.stdout).toContain(" Tasks:    2 successful, 2 total");
      await rm(repo.path("packages/app/dist"), { recursive: true });
      const cached = await exec(turbine, ["run", "build"], { cwd: repo.root, env: cleanEnv() });
      expect(cached.code).toBe(0);
      expect(cached.stdout).toContain(">>> FULL TURBO");
      expect(await repo.read("packages/app/dist/out.txt")).toBe("built");
    },
    300_000,
  );

  it("installs globally and runs from PATH", async () => {
    const prefix = await mkdtemp(join(tmpdir(), "turbine-global-"));
    try {
      await execOk(
        "npm",
        ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", tarball],
        { cwd: prefix, env: callerEnv(), timeoutMs: 300_000 },
      );
      const repo = await monorepo("npm");
      const env = cleanEnv({ PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}` });
      const version = await exec("turbine", ["--version"], { cwd: repo.root, env });
      expect(version).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
      const built = await exec("turbine", ["run", "build"], { cwd: repo.root, env });
      expect(built.code).toBe(0);
      expect(built.stdout).toContain(" Tasks:    2 successful, 2 total");
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  }, 300_000);

  it("refuses to start on a Node.js older than 22.15, naming the version it needs", async () => {
    const old = await olderNode();
    const repo = await monorepo("npm");
    await install(repo, "npm");
    const started = Date.now();
    const result = await exec(
      old.path,
      [repo.path("node_modules/@turbine/cli/bin/turbine.js"), "run", "build"],
      { cwd: repo.root, env: cleanEnv() },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("turbine needs Node.js 22.15 or newer (for zstd in node:zlib)");
    expect(result.stderr).toContain(`this is Node.js ${old.version}`);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 300_000);
});

/**
 * A Node.js older than 22.15 on this machine: CI's and the developers' own Node is 20 (the
 * repository's scripts run Node 24 from node_modules).
 */
async function olderNode(): Promise<{ path: string; version: string }> {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/local/bin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    const path = join(dir, "node");
    const result = await exec(path, ["--version"], { cwd: tmpdir() }).catch(() => undefined);
    const version = result?.stdout.trim().replace(/^v/, "") ?? "";
    const [major = 0, minor = 0] = version.split(".").map(Number);
    if (result?.code === 0 && (major < 22 || (major === 22 && minor < 15)))
      return { path, version };
  }
  throw new Error(`no Node.js older than 22.15 found in ${dirs.join(", ")}`);
}
