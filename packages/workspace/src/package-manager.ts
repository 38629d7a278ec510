import { WorkspaceError } from "./errors.js";
import { semver } from "./semver.js";
import type { PackageJson, PackageManager, PackageManagerVariant } from "./types.js";

/** What the detector needs to know about the repo root; gathered at the I/O edge. */
export interface PackageManagerFiles {
  readonly packageLockJson: boolean;
  readonly pnpmLockYaml: boolean;
  /** Content of yarn.lock, undefined when absent (its header tells yarn 1 from berry). */
  readonly yarnLock: string | undefined;
  readonly bunLock: boolean;
  readonly bunLockb: boolean;
}

export interface DetectPackageManagerOptions {
  /** turbo's `--dangerously-disable-package-manager-check`: fall back to lockfile detection. */
  readonly dangerouslyDisablePackageManagerCheck?: boolean;
  /** Path printed for yarn.lock in messages (absolute, as turbo prints it). */
  readonly yarnLockPath?: string;
}

/** turbo 2.11.13's pattern for the `packageManager` field, printed verbatim in its error. */
export const PACKAGE_MANAGER_PATTERN_TEXT =
  "\\A(?P<manager>aube|bun|npm|nub|pnpm|yarn)@(?P<version>\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?|https?://\\S+)\\z";
const PACKAGE_MANAGER_PATTERN =
  /^(aube|bun|npm|nub|pnpm|yarn)@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?|https?:\/\/\S+)$/;

const PREFIX = "Could not resolve workspace.";

export function packageManagerOf(variant: PackageManagerVariant, version: string): PackageManager {
  const name = variant === "pnpm9" ? "pnpm" : variant;
  switch (name) {
    case "npm":
      return {
        name,
        version,
        command: "npm",
        lockfileName: "package-lock.json",
        turboName: variant,
      };
    case "pnpm":
    case "pnpm6":
      return { name, version, command: "pnpm", lockfileName: "pnpm-lock.yaml", turboName: variant };
    case "yarn":
    case "berry":
      return { name, version, command: "yarn", lockfileName: "yarn.lock", turboName: variant };
    case "bun":
      return { name, version, command: "bun", lockfileName: "bun.lock", turboName: variant };
  }
}

/** Maps a declared manager and exact version to turbo's variant (yarn >=2 is berry, pnpm <7 is pnpm6). */
export function classifyPackageManager(manager: string, version: string): PackageManagerVariant {
  const parsed = semver.valid(version) ?? semver.minVersion(version)?.version ?? null;
  switch (manager) {
    case "yarn":
      return parsed !== null && semver.gte(parsed, "2.0.0-0") ? "berry" : "yarn";
    case "pnpm":
      if (parsed === null) return "pnpm";
      if (semver.lt(parsed, "7.0.0")) return "pnpm6";
      return semver.gte(parsed, "9.0.0-alpha.0") ? "pnpm9" : "pnpm";
    case "npm":
    case "bun":
      return manager;
    default:
      throw unsupported(manager);
  }
}

/** Resolves the repo's package manager the way turbo 2.11.13 does. Throws WorkspaceError. */
export function detectPackageManager(
  rootPackageJson: PackageJson,
  files: PackageManagerFiles,
  options: DetectPackageManagerOptions = {},
): PackageManager {
  try {
    return declaredPackageManager(rootPackageJson, files, options);
  } catch (error) {
    const fallback =
      error instanceof WorkspaceError &&
      (error.code === "ERR_WORKSPACE_NO_PACKAGE_MANAGER" ||
        error.code === "ERR_WORKSPACE_INVALID_PACKAGE_MANAGER");
    if (fallback && options.dangerouslyDisablePackageManagerCheck === true) {
      const detected = packageManagerFromLockfiles(files, options);
      if (detected === undefined) throw noPackageManager();
      return detected;
    }
    throw error;
  }
}

function declaredPackageManager(
  pkg: PackageJson,
  files: PackageManagerFiles,
  options: DetectPackageManagerOptions,
): PackageManager {
  const field = pkg.packageManager;
  if (field !== undefined) {
    const match = typeof field === "string" ? PACKAGE_MANAGER_PATTERN.exec(field) : null;
    const [, manager = "", version = ""] = match ?? [];
    if (match === null) {
      throw new WorkspaceError(
        "ERR_WORKSPACE_INVALID_PACKAGE_MANAGER",
        `${PREFIX} Could not parse the \`packageManager\` field in package.json, expected to match regular expression \`${PACKAGE_MANAGER_PATTERN_TEXT}\`.`,
        {
          file: "package.json",
          hint: 'Use an exact version, e.g. "packageManager": "npm@10.9.2".',
        },
      );
    }
    if (/^https?:/.test(version)) {
      if (manager === "yarn" || manager === "pnpm") {
        const detected = packageManagerFromLockfiles(files, options);
        if (detected?.command !== manager) throw missingPackageManager();
        return packageManagerOf(detected.name, version);
      }
    }
    return packageManagerOf(classifyPackageManager(manager, version), version);
  }
  return devEnginesPackageManager(pkg, files, options);
}

function devEnginesPackageManager(
  pkg: PackageJson,
  files: PackageManagerFiles,
  options: DetectPackageManagerOptions,
): PackageManager {
  const devEngines = pkg.devEngines;
  const declared = isObject(devEngines) ? devEngines.packageManager : undefined;
  if (declared === undefined) throw missingPackageManager();
  if (!isObject(declared)) throw invalidDevEngines("`devEngines.packageManager` must be an object");
  const { name, version } = declared;
  if (typeof name !== "string" || !["npm", "pnpm", "yarn", "bun"].includes(name)) {
    throw invalidDevEngines(
      "`devEngines.packageManager.name` must be one of `npm`, `pnpm`, `yarn`, or `bun`",
    );
  }
  if (typeof version !== "string" || semver.validRange(version) === null) {
    throw invalidDevEngines("`devEngines.packageManager.version` must be a semantic version");
  }
  const result = packageManagerOf(classifyPackageManager(name, version), version);
  const detected = packageManagerFromLockfiles(files, options);
  if (detected !== undefined && !sameLockfileFamily(result.name, detected.name)) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_PACKAGE_MANAGER_MISMATCH",
      `${PREFIX} Package manager mismatch: \`devEngines.packageManager\` declares \`${result.command}\`, but the lockfile indicates \`${detected.command}\`.`,
      { file: "package.json", hint: "Declare the package manager whose lockfile is committed." },
    );
  }
  return result;
}

/** turbo's lockfile-based detection; undefined when no lockfile is present. */
export function packageManagerFromLockfiles(
  files: PackageManagerFiles,
  options: DetectPackageManagerOptions = {},
): PackageManager | undefined {
  const found: PackageManager[] = [];
  if (files.pnpmLockYaml) found.push(packageManagerOf("pnpm", ""));
  if (files.packageLockJson) found.push(packageManagerOf("npm", ""));
  if (files.yarnLock !== undefined)
    found.push(packageManagerOf(yarnFlavour(files.yarnLock, options), ""));
  if (files.bunLock) found.push(packageManagerOf("bun", ""));
  else if (files.bunLockb) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_BUN_BINARY_LOCKFILE",
      `${PREFIX} Only found bun.lockb, please run \`bun install --save-text-lockfile\``,
      { file: "bun.lockb", hint: "Turbine reads only the text lockfile bun.lock." },
    );
  }
  if (found.length > 1) {
    throw new WorkspaceError(
      "ERR_WORKSPACE_MULTIPLE_PACKAGE_MANAGERS",
      `${PREFIX} Multiple package managers in your repository: ${found.map((pm) => pm.name).join(", ")}. Please use one package manager.`,
      { hint: "Delete the lockfiles of the package managers you do not use." },
    );
  }
  return found[0];
}

function yarnFlavour(content: string, options: DetectPackageManagerOptions): "yarn" | "berry" {
  if (/^__metadata:/m.test(content)) return "berry";
  if (/^# yarn lockfile v1/m.test(content)) return "yarn";
  const path = options.yarnLockPath ?? "yarn.lock";
  throw new WorkspaceError(
    "ERR_WORKSPACE_UNKNOWN_YARN_LOCKFILE",
    `${PREFIX} Could not determine Yarn lockfile format from ${path}. Expected a Yarn v1 header or Berry __metadata block.`,
    { file: path, hint: "Regenerate yarn.lock with `yarn install`." },
  );
}

function sameLockfileFamily(a: PackageManagerVariant, b: PackageManagerVariant): boolean {
  return (
    packageManagerOf(a, "").lockfileName === packageManagerOf(b, "").lockfileName &&
    (a === b || a.startsWith("pnpm"))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function missingPackageManager(): WorkspaceError {
  return new WorkspaceError(
    "ERR_WORKSPACE_NO_PACKAGE_MANAGER",
    `${PREFIX} Missing \`devEngines.packageManager\` or legacy \`packageManager\` field in package.json`,
    {
      file: "package.json",
      hint: 'Add e.g. "packageManager": "npm@10.9.2" to the root package.json.',
    },
  );
}

function noPackageManager(): WorkspaceError {
  return new WorkspaceError(
    "ERR_WORKSPACE_NO_PACKAGE_MANAGER",
    `${PREFIX} We did not find a package manager specified in your root package.json. Please set the "devEngines.packageManager" property in your root package.json or the legacy "packageManager" property (https://nodejs.org/api/packages.html#packagemanager) or run \`npx @turbo/codemod add-package-manager\` in the root of your monorepo.`,
    { file: "package.json", hint: "Declare the package manager or commit its lockfile." },
  );
}

function invalidDevEngines(message: string): WorkspaceError {
  return new WorkspaceError(
    "ERR_WORKSPACE_INVALID_PACKAGE_MANAGER",
    `${PREFIX} Invalid \`devEngines.packageManager\` field in package.json: ${message}`,
    { file: "package.json", hint: 'Use e.g. { "name": "pnpm", "version": "9.12.3" }.' },
  );
}

function unsupported(manager: string): WorkspaceError {
  return new WorkspaceError(
    "ERR_WORKSPACE_UNSUPPORTED_PACKAGE_MANAGER",
    `package.json: package manager "${manager}" is not supported by Turbine`,
    { file: "package.json", hint: "Use npm, pnpm, yarn or bun." },
  );
}
