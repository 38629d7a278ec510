import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The benchmark's real-shaped repos (bench/real/repos, see bench/README.md): manifests and a
 * lockfile the real package manager wrote, one repo per manager.
 */
const REPOS = path.resolve(import.meta.dirname, "../../../bench/real/repos");

export const LOCKFILE_NAMES = {
  npm: "package-lock.json",
  pnpm: "pnpm-lock.yaml",
  yarn: "yarn.lock",
  berry: "yarn.lock",
  bun: "bun.lock",
} as const;

export type RealRepoName = keyof typeof LOCKFILE_NAMES;

export function readRealLockfile(name: RealRepoName): Promise<string> {
  return readFile(path.join(REPOS, name, LOCKFILE_NAMES[name]), "utf8");
}

/**
 * Writes real-shaped repo `name` (its package.json files and lockfile, `lockfileText` in place of
 * the committed one if given) into a new temp dir and returns the dir. No git: loadWorkspace
 * reads files only.
 */
export async function writeRealRepo(name: RealRepoName, lockfileText?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `turbine-real-${name}-`));
  const manifests = JSON.parse(
    await readFile(path.join(REPOS, name, "manifests.json"), "utf8"),
  ) as Record<string, string>;
  for (const [rel, content] of Object.entries(manifests)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  await writeFile(
    path.join(dir, LOCKFILE_NAMES[name]),
    lockfileText ?? (await readRealLockfile(name)),
  );
  return dir;
}

/** Temp dirs of one test file, removed after it. */
export function tempDirs(): { track(dir: string): string; removeAll(): Promise<void> } {
  const dirs: string[] = [];
  return {
    track: (dir) => {
      dirs.push(dir);
      return dir;
    },
    removeAll: async () => {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
