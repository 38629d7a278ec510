import { unreachable } from "@turbine/errors";

import { dependencyMap } from "../package-json.js";
import type { PackageJson, PackageManagerName } from "../types.js";
import { BerryLockfile } from "./berry.js";
import { BunLockfile } from "./bun.js";
import type { Lockfile } from "./lockfile.js";
import { NpmLockfile } from "./npm.js";
import { PnpmLockfile } from "./pnpm.js";
import { Yarn1Lockfile } from "./yarn1.js";

/** Parses the lockfile of a package manager. Throws WorkspaceError (ERR_LOCKFILE_*). */
export function parseLockfile(
  packageManager: PackageManagerName,
  text: string,
  rootPackageJson: PackageJson,
  patchDigests?: ReadonlyMap<string, string>,
): Lockfile {
  switch (packageManager) {
    case "npm":
      return NpmLockfile.parse(text);
    case "pnpm":
    case "pnpm6":
      return PnpmLockfile.parse(text);
    case "yarn":
      return Yarn1Lockfile.parse(text);
    case "berry":
      return BerryLockfile.parse(text, dependencyMap(rootPackageJson.resolutions));
    case "bun":
      return BunLockfile.parse(text, patchDigests);
    default:
      return unreachable(packageManager);
  }
}
