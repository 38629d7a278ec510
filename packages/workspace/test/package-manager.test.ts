import { runTurbo, turboErrorText, turboLs, useTempRepos } from "@turbine/test-utils";
import { loadWorkspace, WorkspaceError } from "@turbine/workspace";
import {
  classifyPackageManager,
  detectPackageManager,
  type PackageManagerFiles,
} from "@turbine/workspace/internal";
import { describe, expect, it } from "vitest";

const none: PackageManagerFiles = {
  packageLockJson: false,
  pnpmLockYaml: false,
  yarnLock: undefined,
  bunLock: false,
  bunLockb: false,
};

describe("package manager variants", () => {
  it.each([
    ["yarn", "1.22.22", "yarn"],
    ["yarn", "2.0.0", "berry"],
    ["yarn", "4.5.0", "berry"],
    ["pnpm", "6.35.1", "pnpm6"],
    ["pnpm", "8.15.0", "pnpm"],
    ["pnpm", "9.0.0-alpha.0", "pnpm9"],
    ["npm", "10.9.2", "npm"],
    ["bun", "1.1.0", "bun"],
  ])("classifies %s@%s as %s", (manager, version, expected) => {
    expect(classifyPackageManager(manager, version)).toBe(expected);
  });

  it("reads devEngines.packageManager", () => {
    const pm = detectPackageManager(
      { devEngines: { packageManager: { name: "pnpm", version: "9.12.3" } } },
      none,
    );
    expect(pm).toMatchObject({
      name: "pnpm",
      turboName: "pnpm9",
      command: "pnpm",
      lockfileName: "pnpm-lock.yaml",
    });
  });

  it("detects the manager from its lockfile only when the check is disabled", () => {
    const files = { ...none, yarnLock: "__metadata:\n  version: 8\n" };
    expect(() => detectPackageManager({}, files)).toThrow(/Missing `devEngines.packageManager`/);
    expect(
      detectPackageManager({}, files, { dangerouslyDisablePackageManagerCheck: true }).name,
    ).toBe("berry");
  });
});

/** Writes a repo, then expects Turbine to fail with `code` and turbo's exact message. */
describe("package manager errors match turbo's wording", () => {
  const create = useTempRepos();
  const cases: [string, Record<string, unknown>, Record<string, string>, string[], string][] = [
    [
      "a missing declaration",
      { packageManager: undefined },
      {},
      [],
      "ERR_WORKSPACE_NO_PACKAGE_MANAGER",
    ],
    [
      "an inexact version",
      { packageManager: "npm@10" },
      {},
      [],
      "ERR_WORKSPACE_INVALID_PACKAGE_MANAGER",
    ],
    [
      "several lockfiles",
      { packageManager: undefined },
      { "package-lock.json": "{}", "pnpm-lock.yaml": "" },
      ["--dangerously-disable-package-manager-check"],
      "ERR_WORKSPACE_MULTIPLE_PACKAGE_MANAGERS",
    ],
    [
      "a devEngines declaration that contradicts the lockfile",
      {
        packageManager: undefined,
        devEngines: { packageManager: { name: "npm", version: "10.0.0" } },
      },
      { "yarn.lock": "# yarn lockfile v1\n" },
      [],
      "ERR_WORKSPACE_PACKAGE_MANAGER_MISMATCH",
    ],
    [
      "only a binary bun lockfile",
      { packageManager: undefined },
      { "bun.lockb": "" },
      ["--dangerously-disable-package-manager-check"],
      "ERR_WORKSPACE_BUN_BINARY_LOCKFILE",
    ],
  ];
  it.each(cases)("rejects %s", async (_label, root, files, flags, code) => {
    const repo = await create({ install: false, turbo: { tasks: { build: {} } }, root, files });
    const turbo = await runTurbo(repo.root, ["ls", ...flags]);
    expect(turbo.code).not.toBe(0);
    const error = await loadWorkspace(repo.root, {
      dangerouslyDisablePackageManagerCheck: flags.length > 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).code).toBe(code);
    // turbo wraps long lines (even inside the regex) and may add a source excerpt, so compare
    // without whitespace and look for our message inside its output.
    const squash = (s: string): string => s.replace(/\s+/g, "");
    expect(squash(turboErrorText(turbo.stderr))).toContain(squash((error as Error).message));
  });

  it("falls back to the lockfile like turbo when the check is disabled", async () => {
    const repo = await create({
      install: false,
      turbo: { tasks: { build: {} } },
      root: { packageManager: undefined },
      packages: [{ name: "a" }],
      files: { "yarn.lock": "# yarn lockfile v1\n" },
    });
    const turbo = await runTurbo(repo.root, [
      "ls",
      "--output",
      "json",
      "--dangerously-disable-package-manager-check",
    ]);
    const expected = JSON.parse(turbo.stdout.slice(turbo.stdout.indexOf("{"))) as {
      packageManager: string;
    };
    const ws = await loadWorkspace(repo.root, { dangerouslyDisablePackageManagerCheck: true });
    expect(ws.packageManager.turboName).toBe(expected.packageManager);
    expect(await turboLs(repo.root).catch(() => undefined)).toBeUndefined();
  });
});
