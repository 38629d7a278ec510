import {
  constants,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import { basename, join } from "node:path";

import { hostTag, pidAlive, STATE_DIR } from "./cache-markers.js";

/** What became of one entry. */
export type Removal =
  /** Removed whole: artifact, meta.json, manifest. */
  | "removed"
  /** A run touched it between the scan and now: left as it was. */
  | "in-use"
  /** Someone else removed it first (a turbo run, another eviction). */
  | "gone"
  /** The file system refused (permissions): left as it was. */
  | "failed";

/**
 * Removes entries as units. A reader decides "hit" from the artifact (turbo) or from meta.json and
 * the artifact (Turbine), and Turbine refreshes the artifact's mtime before it reads. So:
 *
 * 1. rename the artifact into `.turbine/trash/`: from that instant both tools see a miss, and a
 *    run that refreshes it now gets ENOENT (a miss) rather than half an entry;
 * 2. look at the renamed file: if a run refreshed it since the scan (mtime in the guard), link it
 *    back and stop (an exempt hash is never moved at all);
 * 3. move meta.json and the manifest the same way; if a new artifact took the name meanwhile (a
 *    writer of the same hash: writers install the artifact first), the ones written since the
 *    guard are that writer's and go back. Otherwise they go, however fresh: a restore rewrites
 *    the manifest after it refreshed the artifact, so a young manifest alone means nothing;
 * 4. delete what was moved.
 *
 * A process killed midway leaves files in the trash (deleted by the next eviction once their
 * owner is gone) and at worst sidecars without an artifact: a miss for both tools, swept later.
 */
export class EntryRemover {
  readonly #trash: string;
  readonly #owner = `${String(process.pid)}.${hostTag()}`;
  #n = 0;

  constructor(
    private readonly cacheDir: string,
    private readonly guardNs: bigint,
    private readonly exempt: ReadonlySet<string>,
  ) {
    this.#trash = join(cacheDir, STATE_DIR, "trash");
    mkdirSync(this.#trash, { recursive: true });
  }

  remove(hash: string): Removal {
    if (this.exempt.has(hash)) return "in-use";
    const artifact = join(this.cacheDir, `${hash}.tar.zst`);
    const moved = this.#moveAway(artifact);
    if (!("path" in moved)) return moved.failed;
    if (this.#fresh(moved.path)) {
      this.#putBack(moved.path, artifact);
      return "in-use";
    }
    const sidecars = ["-meta.json", "-manifest.json"].map((suffix) => {
      const sidecar = join(this.cacheDir, hash + suffix);
      return { sidecar, away: this.#moveAway(sidecar) };
    });
    // A writer installs the artifact first: with a new one in place, fresh sidecars are its own.
    const successor = lstatSync(artifact, { throwIfNoEntry: false }) !== undefined;
    for (const { sidecar, away } of sidecars) {
      if (!("path" in away)) continue;
      if (successor && this.#fresh(away.path)) this.#putBack(away.path, sidecar);
      else unlinkQuietly(away.path);
    }
    unlinkQuietly(moved.path);
    return "removed";
  }

  /** Deletes trash left by evictions whose process is gone. */
  sweepTrash(): void {
    let names: string[];
    try {
      names = readdirSync(this.#trash);
    } catch {
      return;
    }
    for (const name of names) {
      const [pid = "", host] = name.split(".");
      const othersInFlight =
        host === hostTag() && Number(pid) !== process.pid && pidAlive(Number(pid));
      if (!othersInFlight) unlinkQuietly(join(this.#trash, name));
    }
  }

  #moveAway(path: string): { path: string } | { failed: "gone" | "failed" } {
    const target = join(this.#trash, `${this.#owner}.${String(this.#n++)}.${basename(path)}`);
    try {
      renameSync(path, target);
      return { path: target };
    } catch (error) {
      return { failed: (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : "failed" };
    }
  }

  #fresh(path: string): boolean {
    const stat = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeNs >= this.guardNs;
  }

  /** Back under its name, unless a newer file took the name meanwhile (that one wins). */
  #putBack(from: string, to: string): void {
    try {
      linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        try {
          copyFileSync(from, to, constants.COPYFILE_EXCL);
        } catch {
          // the name is taken, or the file system refuses: the entry is a miss
        }
      }
    }
    unlinkQuietly(from);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
