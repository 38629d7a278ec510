import { rmSync } from "node:fs";

import type { ArchiveModel } from "./archive-model.js";
import type { ArtifactEntry } from "./artifact-entry.js";
import { parentOf } from "./entry-path.js";
import { StreamedFile, writeSmallFile } from "./file-writer.js";
import type { Stage } from "./stage.js";
import type { TarEntryHeader, TarSink } from "./tar-parser.js";

/**
 * Bodies up to this size are gathered and written in one go; larger ones are streamed. The
 * gathered pieces are views of the decoder's buffers, which stay valid for this long.
 */
export const GATHER_MAX = 1024 * 1024;

/**
 * Receives parsed entries, validates each through the `ArchiveModel`, and writes regular files
 * (and the directories they need) into the stage. Symlinks are only recorded: the stage never
 * holds a link, so nothing is ever written through one. Small files and directories are
 * handled synchronously: no promise per entry or per chunk (see file-writer.ts).
 */
export class StagingSink implements TarSink {
  readonly #model: ArchiveModel;
  readonly #stage: Stage;
  readonly #written = new Set<string>();
  #file: ArtifactEntry | undefined;
  #parts: Buffer[] = [];
  #stream: StreamedFile | undefined;

  constructor(model: ArchiveModel, stage: Stage) {
    this.#model = model;
    this.#stage = stage;
  }

  entry(header: TarEntryHeader): void {
    const entry = this.#model.add(header);
    this.#file = undefined;
    if (entry === undefined) return;
    if (entry.type === "directory") {
      this.#stage.ensureDir(entry.path);
      return;
    }
    this.#stage.ensureDir(parentOf(entry.path));
    if (entry.type !== "file") return;
    this.#file = entry;
    this.#parts = [];
    if (this.#written.has(entry.path)) {
      rmSync(this.#stage.pathOf(entry.path), { force: true }); // a later duplicate wins
    }
    this.#written.add(entry.path);
    if (entry.size > GATHER_MAX) {
      this.#stream = new StreamedFile(this.#stage.pathOf(entry.path), entry.mode);
    }
  }

  data(chunk: Buffer): void {
    if (this.#file === undefined) return; // directory/symlink bodies are ignored
    if (this.#stream !== undefined) this.#stream.write(chunk);
    else this.#parts.push(chunk);
  }

  endEntry(): void {
    const file = this.#file;
    if (file === undefined) return;
    this.#file = undefined;
    if (this.#stream !== undefined) {
      const stream = this.#stream;
      this.#stream = undefined;
      stream.close();
      return;
    }
    const parts = this.#parts;
    this.#parts = [];
    writeSmallFile(this.#stage.pathOf(file.path), parts, file.mode);
  }

  /** Closes a file left open by an interrupted stream. */
  finish(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    stream?.close();
  }
}
