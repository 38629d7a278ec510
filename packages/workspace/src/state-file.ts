import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A file of derived state under `.turbo/`: something Turbine can always recompute, kept to spare
 * the work. Reads never throw (a missing, unreadable or odd file is no state); writes go to a
 * staging file renamed over the target, so a reader sees the old file or the new one whole, and
 * a failed write (read-only tree, full disk) leaves nothing behind and fails nothing.
 */
export interface StateFile {
  read(): string | undefined;
  write(text: string): void;
}

export function stateFile(file: string): StateFile {
  return {
    read: () => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
    },
    write: (text) => {
      const nonce = Math.random().toString(36).slice(2, 10);
      const staging = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${String(process.pid)}.${nonce}.tmp`,
      );
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(staging, text);
        renameSync(staging, file);
      } catch {
        try {
          rmSync(staging, { force: true });
        } catch {
          // Nothing was staged (the directory could not be made).
        }
      }
    },
  };
}
