import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { parseMeta } from "@turbine/cache";

import type { TaskDurations } from "./critical-path.js";

/**
 * Last known durations from the local cache: the `duration` turbo and Turbine write into
 * `<cacheDir>/<hash>-meta.json` when they save a task. Only reads; a missing or unreadable entry
 * is simply unknown. The reads run in parallel, so callers start this early and await it late.
 */
export async function cacheDurations(
  cacheDir: string,
  tasks: ReadonlyMap<string, { readonly hash: string }>,
): Promise<TaskDurations> {
  const found = new Map<string, number>();
  await Promise.all(
    [...tasks].map(async ([id, { hash }]) => {
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
