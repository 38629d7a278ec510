import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * Resolves an executable name against `PATH` the way a shell would, for messages that show the
 * full command (`/usr/bin/npm run build`). Returns the name unchanged when nothing matches.
 */
export function which(name: string, path: string | undefined): string {
  if (isAbsolute(name) || name.includes("/")) return name;
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return name;
}
