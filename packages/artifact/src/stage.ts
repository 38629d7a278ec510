import { mkdirSync } from "node:fs";
import { lstat, mkdir, mkdtemp, rm, rmdir } from "node:fs/promises";
import path from "node:path";

/**
 * A private staging directory inside the anchor (`<anchor>/.turbo/restore-XXXXXX`, or
 * `<anchor>/.turbine-restore-XXXXXX` when `.turbo` is not a plain directory), so that committing
 * is a rename on the same file system. It only ever holds directories and regular files.
 */
export class Stage {
  readonly dir: string;
  /** The stage directory relative to the anchor, with `/` separators. */
  readonly rel: string;
  readonly #madeDirs = new Set<string>([""]);
  readonly #createdTurboDir: string | undefined;

  private constructor(dir: string, rel: string, createdTurboDir: string | undefined) {
    this.dir = dir;
    this.rel = rel;
    this.#createdTurboDir = createdTurboDir;
  }

  static async create(anchor: string): Promise<Stage> {
    const turbo = path.join(anchor, ".turbo");
    let created: string | undefined;
    try {
      await mkdir(turbo);
      created = turbo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const plain = (await lstat(turbo).catch(() => undefined))?.isDirectory() === true;
    const dir = plain
      ? await mkdtemp(path.join(turbo, "restore-"))
      : await mkdtemp(path.join(anchor, ".turbine-restore-"));
    return new Stage(dir, path.relative(anchor, dir).split(path.sep).join("/"), created);
  }

  /** `rel` must be a checked, normalised entry path. */
  pathOf(rel: string): string {
    return rel === "" ? this.dir : `${this.dir}/${rel}`;
  }

  /**
   * mkdir -p inside the stage, remembering what exists so each directory costs one call.
   * Synchronous, like the small-file writes it precedes (see file-writer.ts).
   */
  ensureDir(rel: string): void {
    if (this.#madeDirs.has(rel)) return;
    mkdirSync(this.pathOf(rel), { recursive: true });
    let p = rel;
    while (p !== "" && !this.#madeDirs.has(p)) {
      this.#madeDirs.add(p);
      const i = p.lastIndexOf("/");
      p = i === -1 ? "" : p.slice(0, i);
    }
  }

  /** Removes the stage (and `.turbo` if this stage created it and it is now empty). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true, maxRetries: 2 });
    if (this.#createdTurboDir !== undefined) {
      await rmdir(this.#createdTurboDir).catch(() => undefined);
    }
  }
}
