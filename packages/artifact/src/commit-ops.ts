import type fs from "node:fs";
import type path from "node:path";

/**
 * One file-system step of an in-place commit. A commit is planned (look-only) first, then its
 * steps run in order, on the main thread or on the commit worker (`commit-worker.ts`): the
 * worker runs the very same `runCommitOps`, so both places behave alike byte for byte.
 *
 * File bodies are slices `[offset, offset + length)` of one buffer sent with the steps.
 */
export type CommitOp =
  /** A directory missing on disk (its parent exists or was made by an earlier step). */
  | { readonly kind: "mkdir"; readonly path: string }
  /** A new file: `O_CREAT | O_EXCL`, so nothing that appeared since the plan is written through. */
  | CommitFileOp<"create">
  /** A file or link already there: a temporary file beside it, renamed over it. */
  | CommitFileOp<"replace">
  /** A symlink: made beside its destination, renamed over it. */
  | { readonly kind: "link"; readonly path: string; readonly target: string }
  | { readonly kind: "chmod"; readonly path: string; readonly mode: number };

export interface CommitFileOp<K extends "create" | "replace"> {
  readonly kind: K;
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly mode: number;
}

/** Where temporary names come from: `<prefix><n>.tmp` beside the destination. */
export interface TempNames {
  readonly prefix: string;
  n: number;
}

/**
 * Runs `ops` in order, synchronously. Self-contained on purpose (no imports, no outer names, which
 * a test checks): the commit worker is built from this function's source text, with
 * `fsApi`/`pathApi` passed in.
 * A file whose write fails after it was created is removed (no half file left); a temporary that
 * could not be renamed over its destination is removed. The first failure throws; later steps do
 * not run.
 *
 * Another process may be restoring the same outputs at the same moment (two runs of one task):
 * a directory that appeared since the plan is used if it is a real directory (not a link), and a
 * file that appeared is replaced like one that was there (a temporary renamed over it, which
 * never writes through a link).
 */
export function runCommitOps(
  fsApi: typeof fs,
  pathApi: typeof path,
  ops: readonly CommitOp[],
  data: Uint8Array,
  temp: TempNames,
): void {
  const writeNew = (file: string, op: CommitFileOp<"create" | "replace">): void => {
    const fd = fsApi.openSync(file, "wx", op.mode);
    try {
      let done = 0;
      while (done < op.length) {
        done += fsApi.writeSync(fd, data, op.offset + done, op.length - done);
      }
    } catch (error) {
      fsApi.closeSync(fd);
      fsApi.rmSync(file, { force: true }); // this call created it: leave no half file
      throw error;
    }
    fsApi.closeSync(fd);
  };
  // Makes a temporary beside `dest` with `make` (which fails on EEXIST), then renames it over.
  const replace = (dest: string, make: (tmp: string) => void): void => {
    for (let attempt = 0; ; attempt++) {
      const tmp = pathApi.join(pathApi.dirname(dest), `${temp.prefix}${String(temp.n++)}.tmp`);
      try {
        make(tmp);
      } catch (error) {
        // EEXIST: the name is someone else's file, so it is left alone and the next one is tried.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST" && attempt < 8) continue;
        if (code !== "EEXIST") fsApi.rmSync(tmp, { force: true });
        throw error;
      }
      try {
        fsApi.renameSync(tmp, dest);
      } catch (error) {
        fsApi.rmSync(tmp, { force: true });
        throw error;
      }
      return;
    }
  };
  const isCode = (error: unknown, code: string): boolean =>
    (error as NodeJS.ErrnoException).code === code;
  for (const op of ops) {
    switch (op.kind) {
      case "mkdir":
        try {
          fsApi.mkdirSync(op.path);
        } catch (error) {
          if (!isCode(error, "EEXIST") || !fsApi.lstatSync(op.path).isDirectory()) throw error;
        }
        break;
      case "create":
        try {
          writeNew(op.path, op);
        } catch (error) {
          if (!isCode(error, "EEXIST")) throw error;
          replace(op.path, (tmp) => {
            writeNew(tmp, op);
          });
        }
        break;
      case "replace":
        replace(op.path, (tmp) => {
          writeNew(tmp, op);
        });
        break;
      case "link":
        replace(op.path, (tmp) => {
          fsApi.symlinkSync(op.target, tmp);
        });
        break;
      case "chmod":
        fsApi.chmodSync(op.path, op.mode);
        break;
    }
  }
}
