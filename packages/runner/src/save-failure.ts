import { describeError } from "@turbine/errors";

/**
 * Why saving a task's outputs failed, in turbo's words where turbo has them: an operating-system
 * error as Rust prints an `io::Error` inside turbo's `IO error: …`
 * (`IO error: Read-only file system (os error 30)`), an unsupported file as
 * `attempted to create unsupported file type: …`. The innermost cause that says something is
 * used: a file-system error wrapped by the cache is reported as the file-system error.
 */
export function saveFailureText(error: unknown): string {
  const io = innermostErrno(error);
  if (io !== undefined) return ioErrorText(io);
  const coded = innermostCoded(error);
  if (coded !== undefined) return coded.message;
  return describeError(error);
}

interface ErrnoLike {
  readonly code: string;
  readonly errno: number;
  readonly message: string;
}

function innermostErrno(error: unknown): ErrnoLike | undefined {
  let found: ErrnoLike | undefined;
  for (const e of causes(error)) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (typeof code === "string" && typeof errno === "number") {
      found = { code, errno, message: e.message };
    }
  }
  return found;
}

/** The innermost error with a Turbine error code (`ERR_ARTIFACT_*` says more than its wrapper). */
function innermostCoded(error: unknown): Error | undefined {
  let found: Error | undefined;
  for (const e of causes(error)) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && code.startsWith("ERR_")) found = e;
  }
  return found;
}

function* causes(error: unknown): Generator<Error> {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    yield e;
    e = e.cause;
  }
}

/** `IO error: <strerror> (os error <n>)`, as turbo prints a `std::io::Error`. */
function ioErrorText(error: ErrnoLike): string {
  return `IO error: ${strerror(error)} (os error ${String(Math.abs(error.errno))})`;
}

/**
 * glibc's `strerror` text, which Rust prints: Node's messages come from libuv, whose wording
 * differs for some codes (`EISDIR` is "illegal operation on a directory" there).
 */
function strerror(error: ErrnoLike): string {
  const known = GLIBC[error.code];
  if (known !== undefined) return known;
  // "EROFS: read-only file system, open '/x'" -> "Read-only file system"
  const text = error.message.slice(error.code.length + 2).split(", ")[0] ?? error.code;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const GLIBC: Readonly<Record<string, string>> = {
  EPERM: "Operation not permitted",
  ENOENT: "No such file or directory",
  EIO: "Input/output error",
  EACCES: "Permission denied",
  EBUSY: "Device or resource busy",
  EEXIST: "File exists",
  EXDEV: "Invalid cross-device link",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EMFILE: "Too many open files",
  ETXTBSY: "Text file busy",
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  EROFS: "Read-only file system",
  ENAMETOOLONG: "File name too long",
  ELOOP: "Too many levels of symbolic links",
  EDQUOT: "Disk quota exceeded",
};
