// The real-shaped benchmark repos: which package manager, how many workspaces, and the seeded
// choice of each workspace's kind, generation of majors and dependencies (sets.mjs). Used by
// regenerate.mjs, which has the real package manager write the lockfile.
import { prng } from "../lib/generate.mjs";
import { KIND_WEIGHTS, KINDS, ROOT_DEV, rangeOf } from "./sets.mjs";

/** One repo per package manager, sized like the monorepos users run turbo in. */
export const REPOS = [
  { name: "npm", packageManager: "npm", workspaces: 120, seed: 11 },
  { name: "pnpm", packageManager: "pnpm", workspaces: 250, seed: 12 },
  { name: "yarn", packageManager: "yarn", workspaces: 60, seed: 13 },
  { name: "berry", packageManager: "berry", workspaces: 150, seed: 14 },
  { name: "bun", packageManager: "bun", workspaces: 40, seed: 15 },
];

const DIRS = {
  "next-app": "apps",
  "vite-app": "apps",
  service: "services",
  "fastify-service": "services",
  "eslint-config": "tooling",
  tooling: "tooling",
};

/** The scripts each kind has; every one runs the repo's trivial scripts/task.mjs. */
const SCRIPTS = {
  "next-app": ["build", "dev", "lint", "typecheck", "test"],
  "vite-app": ["build", "dev", "lint", "typecheck", "test"],
  "ui-library": ["build", "dev", "lint", "typecheck", "test"],
  service: ["build", "dev", "lint", "typecheck", "test"],
  "fastify-service": ["build", "dev", "lint", "typecheck", "test"],
  library: ["build", "dev", "lint", "typecheck", "test"],
  "jest-library": ["build", "lint", "typecheck", "test"],
  "eslint-config": ["lint"],
  tooling: ["build", "lint", "typecheck"],
};

/** Kinds whose packages others depend on. */
const SHARED = new Set(["library", "jest-library", "ui-library"]);

/**
 * The workspaces of `repo` as test-utils PackageSpecs (name, dir, scripts, dependencies), and
 * the root package.json keys. Internal dependencies use `workspace:*` where the manager has the
 * protocol and `*` elsewhere (npm, yarn 1).
 */
export function repoSpec(repo) {
  const random = prng(repo.seed);
  const pick = (weights) => {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let at = random() * total;
    for (const [value, w] of weights) if ((at -= w) < 0) return value;
    return weights.at(-1)[0];
  };
  const internalRange = ["pnpm", "berry", "bun"].includes(repo.packageManager)
    ? "workspace:*"
    : "*";
  const packages = [];
  const shared = [];
  const configs = [];
  for (let i = 0; i < repo.workspaces; i++) {
    const kind = i === 0 ? "eslint-config" : pick(KIND_WEIGHTS);
    const generation = random() < 0.6 ? 1 : 0;
    const name = `@acme/${kind.replace(/-.*/, "")}-${String(i).padStart(3, "0")}`;
    const [deps, devDeps] = KINDS[kind];
    const choose = (names) => {
      const chosen = names.filter(() => random() < 0.8);
      return Object.fromEntries(chosen.map((n) => [n, rangeOf(n, generation)]));
    };
    const dependencies = choose(deps);
    const devDependencies = choose(devDeps);
    for (let e = Math.floor(random() * 4); e > 0 && shared.length > 0; e--) {
      dependencies[shared[Math.floor(random() * shared.length)]] = internalRange;
    }
    if (configs.length > 0 && kind !== "eslint-config") {
      devDependencies[configs[Math.floor(random() * configs.length)]] = internalRange;
    }
    const script = (task) => [task, `node ../../scripts/task.mjs ${task}`];
    packages.push({
      name,
      dir: `${DIRS[kind] ?? "packages"}/${name.slice("@acme/".length)}`,
      scripts: Object.fromEntries(SCRIPTS[kind].map(script)),
      dependencies: sorted(dependencies),
      devDependencies: sorted(devDependencies),
      packageJson: { private: true, kind },
    });
    if (SHARED.has(kind)) shared.push(name);
    if (kind === "eslint-config") configs.push(name);
  }
  const root = {
    name: "acme",
    scripts: { build: "turbo run build", lint: "turbo run lint", test: "turbo run test" },
    devDependencies: Object.fromEntries(ROOT_DEV.map((n) => [n, rangeOf(n, 1)])),
  };
  return { packages, root };
}

function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
