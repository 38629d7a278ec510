import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { parseMeta } from "@turbine/cache";

import type { TaskDurations } from "./critical-path.js";

/**
 * Last known durations from the local cache: the `duration` turbo and Turbine write into
 * `<cacheDir>/<hash>-meta.json` when they save a task. Only reads; a missing or unreadable entry
 * is simply unknown. Durations already `known` (a task's last run record, found by task id even
 * when its hash changed since) come first; the cache is read only for the others. The reads run in
 * parallel, so callers start this early and await it late.
 */
export async function cacheDurations(
  cacheDir: string,
  tasks: ReadonlyMap<string, { readonly hash: string }>,
  known: ReadonlyMap<string, number> = new Map(),
): Promise<TaskDurations> {
  const found = new Map<string, number>();
  await Promise.all(
    [...tasks].map(async ([id, { hash }]) => {
      const recorded = known.get(id);
      if (recorded !== undefined) {
        found.set(id, recorded);
        return;
      }
      let text: string;
      try {
        text = await readFile(join(cacheDir, `${hash}-meta.json`), "utf8");
      } catch {
        return;
      }
      const meta = parseMeta(text);
      if (meta !== undefined && meta.hash === hash) found.set(id, meta.durationMs);
    }),
  );
  return { lastDurationMs: (id) => found.get(id) };
}
