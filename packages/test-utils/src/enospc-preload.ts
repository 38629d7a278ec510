// Loaded with `node --import` (see enospcPreload): every open for writing under
// $TURBINE_TEST_ENOSPC_DIR fails with ENOSPC. Patches the fs module object and re-syncs the
// ESM named exports, so `import { openSync } from "node:fs"` sees the patch too.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const root = process.env.TURBINE_TEST_ENOSPC_DIR;

function blocked(file: unknown, flags: unknown): boolean {
  if (root === undefined || (typeof file !== "string" && !(file instanceof URL))) return false;
  const abs = path.resolve(file instanceof URL ? file.pathname : file);
  if (abs !== root && !abs.startsWith(`${root}${path.sep}`)) return false;
  if (typeof flags === "number") {
    return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0;
  }
  return typeof flags === "string" && /[wa+]/.test(flags);
}

function enospc(file: unknown): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `ENOSPC: no space left on device, open '${String(file)}'`,
  );
  error.code = "ENOSPC";
  error.errno = -28;
  error.syscall = "open";
  error.path = String(file);
  return error;
}

if (root !== undefined) {
  const { open, openSync } = fs;
  const promisesOpen = fs.promises.open;
  fs.open = ((file: fs.PathLike, flags: unknown, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: Error | null, fd?: number) => void;
    if (blocked(file, flags)) {
      process.nextTick(callback, enospc(file));
      return;
    }
    (open as (...args: unknown[]) => void)(file, flags, ...rest);
  }) as typeof fs.open;
  fs.openSync = ((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    if (blocked(file, flags)) throw enospc(file);
    return openSync(file, flags ?? "r", mode);
  }) as typeof fs.openSync;
  fs.promises.open = (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) =>
    blocked(file, flags) ? Promise.reject(enospc(file)) : promisesOpen(file, flags, mode);
  syncBuiltinESMExports();
}
