import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import { refused } from "./artifact-error.js";
import { ancestorsOf, collisionKey, parentOf } from "./entry-path.js";

/**
 * Checks the archive's symlinks as a whole and returns them in creation order.
 *
 * - Chains: each target is walked component by component, following the archive's own links,
 *   so `a/b/c/up -> ../..` plus `a/b/escape -> c/up/../..` is seen to leave the anchor even
 *   though each target alone looks inside (CVE-2026-26960). Refused: ERR_ARTIFACT_SYMLINK_ESCAPE.
 * - Order: a link whose target lies at or under another link comes after it (turbo's topological
 *   sort); a cycle is ERR_ARTIFACT_SYMLINK_CYCLE.
 */
export function planLinks(links: ReadonlyMap<string, LinkEntry>, anchor: string): LinkEntry[] {
  const byKey = new Map<string, LinkEntry>();
  for (const link of links.values()) byKey.set(collisionKey(link.path), link);
  const budget = { hops: 40 + links.size };
  for (const link of links.values()) {
    budget.hops = 40 + links.size;
    walk(link, byKey, anchor, budget);
  }
  return topoOrder([...links.values()], byKey);
}

function walk(
  link: LinkEntry,
  byKey: ReadonlyMap<string, LinkEntry>,
  anchor: string,
  budget: { hops: number },
): string[] {
  let stack: string[];
  let rest: string;
  if (link.target.startsWith("/")) {
    stack = [];
    rest = path.posix.relative(path.posix.normalize(anchor), path.posix.normalize(link.target));
  } else {
    const base = parentOf(link.path);
    stack = base === "" ? [] : base.split("/");
    rest = link.target;
  }
  for (const part of rest.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (stack.length === 0) {
        throw refused(
          "ERR_ARTIFACT_SYMLINK_ESCAPE",
          `symlink ${link.path} -> ${JSON.stringify(link.target)} leaves the anchor through another symlink of the archive`,
          { path: link.path },
        );
      }
      stack.pop();
      continue;
    }
    stack.push(part);
    const next = byKey.get(collisionKey(stack.join("/")));
    if (next !== undefined) {
      if (--budget.hops < 0) throw cycle(link.path);
      stack = walk(next, byKey, anchor, budget);
    }
  }
  return stack;
}

function topoOrder(links: LinkEntry[], byKey: ReadonlyMap<string, LinkEntry>): LinkEntry[] {
  const dependents = new Map<LinkEntry, LinkEntry[]>();
  const waiting = new Map<LinkEntry, number>();
  for (const link of links) {
    let count = 0;
    const within = link.resolved === "" ? [] : [...ancestorsOf(link.resolved), link.resolved];
    for (const p of within) {
      const dep = byKey.get(collisionKey(p));
      if (dep === undefined) continue;
      count++;
      const list = dependents.get(dep) ?? [];
      list.push(link);
      dependents.set(dep, list);
    }
    waiting.set(link, count);
  }
  const ready = links.filter((l) => waiting.get(l) === 0);
  const out: LinkEntry[] = [];
  while (ready.length > 0) {
    const link = ready.shift() as LinkEntry;
    out.push(link);
    for (const d of dependents.get(link) ?? []) {
      const left = (waiting.get(d) ?? 0) - 1;
      waiting.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  if (out.length !== links.length) {
    throw cycle(links.find((l) => !out.includes(l))?.path ?? "");
  }
  return out;
}

function cycle(p: string): Error {
  return refused("ERR_ARTIFACT_SYMLINK_CYCLE", `links in the cache are cyclic (at ${p})`, {
    path: p,
  });
}
