import type { ArchiveModel } from "./archive-model.js";
import type { TarEntryHeader, TarSink } from "./tar-parser.js";

/**
 * Parser sink for an archive decoded in memory: validates every entry through the
 * `ArchiveModel` and keeps each file's body as slices of the decoded buffer (no copy). Nothing
 * touches the disk, so a refused or truncated archive is refused before anything is written.
 * A path repeated in the archive keeps its last body, as on disk.
 */
export class MemorySink implements TarSink {
  readonly bodies = new Map<string, Buffer[]>();
  readonly #model: ArchiveModel;
  #parts: Buffer[] | undefined;

  constructor(model: ArchiveModel) {
    this.#model = model;
  }

  entry(header: TarEntryHeader): void {
    const entry = this.#model.add(header);
    this.#parts = undefined;
    if (entry?.type !== "file") return;
    this.#parts = [];
    this.bodies.set(entry.path, this.#parts);
  }

  data(chunk: Buffer): void {
    this.#parts?.push(chunk);
  }

  endEntry(): void {
    this.#parts = undefined;
  }
}
