import { chmod } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { exec } from "./exec.js";

/**
 * File-system faults a test can create on this machine, whoever runs it: a fresh tmpfs in a
 * private mount namespace (`unshare -rm`, for an unprivileged user too where the kernel allows
 * user namespaces; read-only, or small enough to fill), else what the user can do without it.
 */
export interface Tmpfs {
  readonly readOnly?: boolean;
  /** Size limit in KiB (default 1024). */
  readonly sizeKiB?: number;
}

let mountable: Promise<boolean> | undefined;

/**
 * Whether `inTmpfs` works here (probed once: a read-only tmpfs must refuse a write).
 * `TURBINE_TEST_NO_MOUNT=1` says no, to exercise the fallbacks on a machine that can mount.
 */
export function canMountTmpfs(): Promise<boolean> {
  if (process.env.TURBINE_TEST_NO_MOUNT === "1") return Promise.resolve(false);
  mountable ??= exec(
    "unshare",
    [
      "-rm",
      "sh",
      "-c",
      'mount -t tmpfs -o ro,size=64k tmpfs "$1" && ! touch "$1/x" 2>/dev/null',
      "sh",
      "/tmp",
    ],
    { cwd: "/", timeoutMs: 10_000 },
  ).then(
    (result) => result.code === 0,
    () => false,
  );
  return mountable;
}

/**
 * `[command, args]` that run `command args` with a fresh tmpfs mounted on `dir` (which must exist)
 * in a private mount namespace: only that process tree sees the mount, and it goes away with it.
 */
export function inTmpfs(
  dir: string,
  tmpfs: Tmpfs,
  command: string,
  args: readonly string[],
): [string, string[]] {
  const options = `${tmpfs.readOnly === true ? "ro," : ""}size=${String(tmpfs.sizeKiB ?? 1024)}k`;
  const script = `mount -t tmpfs -o ${options} tmpfs "$1" && shift && exec "$@"`;
  return ["unshare", ["-rm", "sh", "-c", script, "sh", dir, command, ...args]];
}

/** How `makeUnwritable` blocked a directory, and how to undo it. */
export interface Unwritable {
  /** `immutable`: `chattr +i` (root: EPERM); `mode`: mode 0555 (non-root: EACCES). */
  readonly how: "immutable" | "mode";
  restore(): Promise<void>;
}

/**
 * Makes an existing directory unwritable for this user without a mount: mode 0555 for a user
 * whom permissions bind, `chattr +i` for root (which ignores modes). Undefined when neither
 * works (root without CAP_LINUX_IMMUTABLE, or a file system without the attribute).
 */
export async function makeUnwritable(dir: string): Promise<Unwritable | undefined> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return { how: "mode", restore: () => chmod(dir, 0o755) };
  }
  const set = await exec("chattr", ["+i", dir], { cwd: "/" }).catch(() => undefined);
  if (set?.code !== 0) return undefined;
  return {
    how: "immutable",
    restore: async () => {
      await exec("chattr", ["-i", dir], { cwd: "/" });
    },
  };
}

/**
 * A module for `node --import` that makes every open for writing under
 * `$TURBINE_TEST_ENOSPC_DIR` fail with ENOSPC, as on a full disk: the file-system edge of a
 * Node process, for machines where no small tmpfs can be mounted.
 */
export function enospcPreload(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "enospc-preload.js");
}
