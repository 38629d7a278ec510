import { Hasher } from "@turbine/hasher";
import {
  createTempRepo,
  type TempRepo,
  type TestPackageManager,
  turboExternalHashes,
} from "@turbine/test-utils";
import { loadWorkspace, type Workspace } from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { externalNames } from "./support/external-names.js";

/**
 * Real lockfiles written by npm, pnpm and yarn 1 for the same tiny monorepo, checked against the
 * real turbo: its per-task `hashOfExternalDependencies` and its `externalDependencies` query.
 * root -> is-number@^7; a -> is-odd@^3 (-> is-number@^6) and b; b -> is-number@^6.
 */
const managers: readonly TestPackageManager[] = ["npm", "pnpm", "yarn"];

interface Fixture {
  readonly repo: TempRepo;
  readonly workspace: Workspace;
  readonly turboHashes: Record<string, string>;
}

const fixtures = new Map<TestPackageManager, Fixture>();
let hasher: Hasher;

beforeAll(async () => {
  hasher = await Hasher.create();
  await Promise.all(
    managers.map(async (packageManager) => {
      const repo = await createTempRepo({
        packageManager,
        root: { devDependencies: { "is-number": "^7.0.0" } },
        packages: [
          {
            name: "a",
            dependencies: {
              "is-odd": "^3.0.1",
              b: packageManager === "pnpm" ? "workspace:*" : "*",
            },
          },
          { name: "b", dependencies: { "is-number": "^6.0.0" } },
        ],
        turbo: { tasks: { build: {} } },
      });
      const workspace = await loadWorkspace(repo.root);
      fixtures.set(packageManager, {
        repo,
        workspace,
        turboHashes: await turboExternalHashes(repo.root),
      });
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all([...fixtures.values()].map((f) => f.repo.cleanup()));
});

function fixture(pm: TestPackageManager): Fixture {
  const found = fixtures.get(pm);
  if (found === undefined) throw new Error(`no fixture for ${pm}`);
  return found;
}

describe.each(managers)("%s lockfile closures", (pm) => {
  it("hash each package's closure to turbo's hashOfExternalDependencies", () => {
    const { workspace, turboHashes } = fixture(pm);
    for (const name of ["a", "b"]) {
      const closure = workspace.externalClosure(name);
      expect(closure, name).toBeDefined();
      expect(hasher.externalDepsHash(closure ?? []), name).toBe(turboHashes[`${name}#build`]);
    }
  });

  it("hash the root closure to turbo's global hashOfExternalDependencies", () => {
    const { workspace, turboHashes } = fixture(pm);
    expect(hasher.externalDepsHash(workspace.externalClosure("//") ?? [])).toBe(
      turboHashes["<global>"],
    );
  });

  it("name the same external packages as turbo query", async () => {
    const { workspace, repo } = fixture(pm);
    for (const [name, { turbo, turbine }] of await externalNames(repo.root, workspace, [
      "//",
      "a",
      "b",
    ]))
      expect(turbine, name).toEqual(turbo);
  });
});

describe("closure contents", () => {
  it("keeps npm's nested install path as the key of a shadowed dependency", () => {
    const keys = (fixture("npm").workspace.externalClosure("a") ?? []).map((p) => p.key);
    expect(keys).toContain("node_modules/is-odd");
    expect(keys.some((k) => k.endsWith("/node_modules/is-number"))).toBe(true);
  });

  it("excludes internal packages from every closure", () => {
    for (const pm of managers) {
      const names = (fixture(pm).workspace.externalClosure("a") ?? []).map((p) => p.key);
      expect(
        names.filter((k) => /(^|\/)b(@|$)/.test(k)),
        pm,
      ).toEqual([]);
    }
  });
});
