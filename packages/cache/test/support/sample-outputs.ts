import { createHash } from "node:crypto";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  realpath,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The outputs of one task in a sample repo: every kind of entry turbo archives. */
export const SAMPLE_PATHS = [
  "packages/a/.turbo/turbo-build.log",
  "packages/a/dist",
  "packages/a/dist/emptydir",
  "packages/a/dist/index.js",
  "packages/a/dist/link.js",
  "packages/a/dist/sub",
  "packages/a/dist/sub/data.txt",
] as const;

/** Writes the sample outputs under `root`; `variant` changes file contents (not the shape). */
export async function writeSampleOutputs(root: string, variant = "v1"): Promise<void> {
  const at = (rel: string) => join(root, rel);
  await mkdir(at("packages/a/.turbo"), { recursive: true });
  await mkdir(at("packages/a/dist/emptydir"), { recursive: true });
  await mkdir(at("packages/a/dist/sub"), { recursive: true });
  await writeFile(at("packages/a/.turbo/turbo-build.log"), `> build\nbuilt ${variant}\n`);
  await writeFile(at("packages/a/dist/index.js"), `console.log("${variant}");\n`);
  await chmod(at("packages/a/dist/index.js"), 0o755);
  await writeFile(at("packages/a/dist/sub/data.txt"), `data ${variant}\n`);
  await rm(at("packages/a/dist/link.js"), { force: true });
  await symlink("index.js", at("packages/a/dist/link.js"));
}

export async function removeSampleOutputs(root: string): Promise<void> {
  await rm(join(root, "packages/a/dist"), { recursive: true, force: true });
  await rm(join(root, "packages/a/.turbo"), { recursive: true, force: true });
}

/** Kind, permission bits, content digest and link target of each path: what a restore must reproduce. */
export async function snapshot(
  root: string,
  paths: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of paths) {
    const abs = join(root, rel);
    const stat = await lstat(abs).catch(() => undefined);
    if (stat === undefined) out[rel] = "missing";
    else if (stat.isSymbolicLink()) out[rel] = `link -> ${await readlink(abs)}`;
    else if (stat.isDirectory()) out[rel] = `dir ${(stat.mode & 0o7777).toString(8)}`;
    else {
      const digest = createHash("sha256")
        .update(await readFile(abs))
        .digest("hex")
        .slice(0, 16);
      out[rel] = `file ${(stat.mode & 0o7777).toString(8)} ${digest}`;
    }
  }
  return out;
}

/** A fresh temp dir (realpath'd, so paths compare equal); remove it with `rm`. */
export async function tempDir(prefix = "turbine-cache-"): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

export async function ensureParent(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
}
