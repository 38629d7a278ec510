import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import type { Ignore } from "ignore";

import { hashFilesDirectly } from "./blob-hash.js";
import { compareUtf8 } from "./byte-order.js";
import type { FileListing } from "./git-listing.js";

interface Rules {
  /** Directory of the .gitignore, relative to the root ("" for the root), with trailing "/". */
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * turbo's `SCM::Manual` default set, used when there is no git: every file under the root except
 * what `.gitignore` files (at any depth) ignore, and the `.git` directory; symlinks are skipped
 * (turbo does not hash them in this mode). Blob ids are computed directly, without filters.
 */
export async function listManualFiles(root: string): Promise<FileListing> {
  const { default: ignore } = await import("ignore");
  const paths: string[] = [];
  await walk(root, "", [], paths, () => ignore());
  paths.sort(compareUtf8);
  const hashes = await hashFilesDirectly(root, paths);
  return { paths, hashes: paths.map((p) => hashes.get(p) as string) };
}

async function walk(
  root: string,
  dir: string,
  inherited: Rules[],
  out: string[],
  newRules: () => Ignore,
): Promise<void> {
  const abs = dir === "" ? root : join(root, dir);
  const entries = await readdir(abs, { withFileTypes: true });
  let stack = inherited;
  if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
    const text = await readFile(join(abs, ".gitignore"), "utf8");
    stack = [...inherited, { base: dir === "" ? "" : `${dir}/`, rules: newRules().add(text) }];
  }
  const subdirs: string[] = [];
  for (const entry of entries) {
    const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name === ".git" || isIgnored(stack, `${rel}/`)) continue;
      subdirs.push(rel);
    } else if (entry.isFile() && !isIgnored(stack, rel)) {
      out.push(rel);
    }
  }
  for (const sub of subdirs) await walk(root, sub, stack, out, newRules);
}

function isIgnored(stack: readonly Rules[], rel: string): boolean {
  let ignored = false;
  for (const { base, rules } of stack) {
    if (!rel.startsWith(base)) continue;
    const result = rules.test(rel.slice(base.length));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
