import { closeSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from "node:fs";
import path from "node:path";

import { ArtifactError } from "./artifact-error.js";
import { canonicalLinkTarget } from "./link-target.js";
import type { HeaderInput } from "./tar-header-encode.js";

/** Files up to this size are read straight into the output chunk; larger ones are streamed. */
export const SMALL_FILE_MAX = 64 * 1024;

/** One path to pack: its header, and a way to read a small file's bytes into a buffer. */
export interface SourceEntry {
  readonly rel: string;
  readonly abs: string;
  readonly header: HeaderInput;
  /** Reads the whole file (exactly `header.size` bytes) plus zero padding; returns the end. */
  readInto(target: Buffer, offset: number): number;
}

/**
 * lstat (+ readlink) for one anchor-relative path; never follows a symlink. Synchronous on
 * purpose (see file-writer.ts): the packer yields to the event loop every 256 KiB of output.
 */
export function loadSourceEntry(anchor: string, rel: string): SourceEntry {
  const abs = path.join(anchor, rel);
  const st = lstatOrThrow(abs, rel);
  if (st.isSymbolicLink()) {
    const target = canonicalLinkTarget(readlinkSync(abs, "utf8"));
    return entry(rel, abs, { name: rel, mode: st.mode, size: 0, typeflag: "2", linkname: target });
  }
  if (st.isDirectory()) {
    return entry(rel, abs, {
      name: `${rel}/`,
      mode: st.mode,
      size: 0,
      typeflag: "5",
      linkname: "",
    });
  }
  if (!st.isFile()) {
    throw new ArtifactError(
      "ERR_ARTIFACT_UNSUPPORTED_FILE",
      `attempted to create unsupported file type: ${rel} is not a regular file, directory or symlink`,
      { path: rel, hint: "Remove FIFOs, sockets and devices from the task's outputs." },
    );
  }
  return entry(rel, abs, { name: rel, mode: st.mode, size: st.size, typeflag: "0", linkname: "" });
}

export function changed(rel: string): ArtifactError {
  return new ArtifactError(
    "ERR_ARTIFACT_CHANGED_DURING_PACK",
    `${rel} changed size while it was being packed`,
    { path: rel, hint: "Make sure no process writes to the task's outputs after it exits." },
  );
}

function entry(rel: string, abs: string, header: HeaderInput): SourceEntry {
  return {
    rel,
    abs,
    header,
    readInto: (target, offset) => readWhole(abs, rel, header.size, target, offset),
  };
}

/**
 * open + read + close, reading straight into `target`. A file that shrank since lstat is an
 * error; one that grew is cut at the lstat size (the archive stays self-consistent).
 */
function readWhole(abs: string, rel: string, size: number, target: Buffer, offset: number): number {
  const fd = openSync(abs, "r");
  try {
    let done = 0;
    while (done < size) {
      const n = readSync(fd, target, offset + done, size - done, done);
      if (n === 0) throw changed(rel);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  const end = offset + size;
  const padded = end + ((512 - (size % 512)) % 512);
  target.fill(0, end, padded);
  return padded;
}

function lstatOrThrow(abs: string, rel: string): Stats {
  try {
    return lstatSync(abs);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ArtifactError("ERR_ARTIFACT_NOT_FOUND", `cannot pack ${rel}: it does not exist`, {
        path: rel,
        cause,
        hint: "Pass only paths that exist under the anchor.",
      });
    }
    throw cause;
  }
}
