// Regenerates the parity corpus: `node test/corpus/generate.ts [manager...]` (default: all five)
// from the repository root, after `pnpm build`. It needs the npm registry. See README.md here.
import { cp, rm } from "node:fs/promises";
import path from "node:path";

import {
  type PackageSpec,
  type RepoSpec,
  TempRepo,
  type TestPackageManager,
  turbineRoot,
  writeRepoSpec,
} from "@turbine/test-utils";

/**
 * The parity corpus: one monorepo per package manager with the dependencies real projects use
 * (a Next.js app, a Vite app on an older React, an API with Prisma, a UI library with peers, a
 * shared ESLint config in a nested workspace). This script writes each one, lets the real
 * package manager write its lockfile, and copies the result (without `.git` or `node_modules`)
 * to `test/fixtures/corpus/<manager>`.
 */
const MANAGERS: readonly TestPackageManager[] = ["npm", "pnpm", "yarn", "berry", "bun"];

/** A patch that adds one file, valid for patch-package, pnpm, bun and yarn's `patch:`. */
const IS_NUMBER_PATCH = [
  "diff --git a/PATCHED.md b/PATCHED.md",
  "new file mode 100644",
  "index 0000000..3fe2f4a",
  "--- /dev/null",
  "+++ b/PATCHED.md",
  "@@ -0,0 +1 @@",
  "+patched for the corpus",
  "",
].join("\n");

/** An npm registry tarball: the only remote source this machine reaches besides the registry. */
const IS_ODD_TARBALL = "https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz";

const TURBO_JSON = {
  $schema: "https://turborepo.com/schema.json",
  globalDependencies: ["tsconfig.base.json", ".env.example", "patches/**"],
  // A name listed twice, as real configs do: turbo hashes it once.
  globalEnv: ["NODE_ENV", "CI", "VERCEL_ENV", "NODE_ENV"],
  globalPassThroughEnv: ["AWS_*", "AWS_*"],
  tasks: {
    build: {
      dependsOn: ["^build", "db:generate"],
      outputs: ["dist/**", ".next/**", "!.next/cache/**"],
      env: ["NEXT_PUBLIC_*", "DATABASE_URL", "!NEXT_PUBLIC_SECRET"],
    },
    "db:generate": { cache: false },
    lint: { dependsOn: ["^lint"], inputs: ["$TURBO_DEFAULT$", "!**/*.md", "!README*"] },
    typecheck: { dependsOn: ["^build"], outputs: [] },
    test: {
      dependsOn: ["build"],
      inputs: ["src/**", "test/**", "vitest.config.*", "$TURBO_ROOT$/tsconfig.base.json"],
      outputs: ["coverage/**"],
    },
    dev: { cache: false, persistent: true },
    "@repo/api#build": {
      dependsOn: ["^build", "db:generate"],
      outputs: ["dist/**"],
      env: ["DATABASE_URL"],
    },
  },
};

/** `workspace:` ranges where the manager has them (npm and yarn 1 do not). */
function internal(pm: TestPackageManager, range: "*" | "^"): string {
  return pm === "npm" || pm === "yarn" ? "*" : `workspace:${range}`;
}

/** Catalog references where the manager has catalogs (pnpm, bun). */
function catalog(pm: TestPackageManager, range: string, name = ""): string {
  return pm === "pnpm" || pm === "bun" ? `catalog:${name}` : range;
}

function packages(pm: TestPackageManager): PackageSpec[] {
  const patched =
    pm === "berry" ? "patch:is-number@npm%3A7.0.0#~/patches/is-number@7.0.0.patch" : "7.0.0";
  return [
    {
      name: "@repo/web",
      dir: "apps/web",
      scripts: {
        build: "next build",
        dev: "next dev",
        lint: "eslint .",
        typecheck: "tsc --noEmit",
      },
      dependencies: {
        next: "^15.5.0",
        react: catalog(pm, "^19.1.0"),
        "react-dom": catalog(pm, "^19.1.0"),
        "@radix-ui/react-dialog": "^1.1.14",
        swr: "^2.3.0",
        sharp: "^0.34.0",
        "@sentry/nextjs": "^9.30.0",
        "@tanstack/react-query": "^5.80.0",
        "@repo/ui": internal(pm, "^"),
      },
      devDependencies: {
        "@repo/eslint-config": internal(pm, "*"),
        "@types/react": "^19.1.0",
        "@types/react-dom": "^19.1.0",
        "@tailwindcss/postcss": "^4.1.0",
        tailwindcss: "^4.1.0",
        eslint: "^9.30.0",
        typescript: "^5.8.0",
      },
      files: {
        "app/page.tsx": "export default function Page() {\n  return <main>web</main>;\n}\n",
        "app/layout.tsx": "export default function Layout({ children }) {\n  return children;\n}\n",
        "next.config.mjs": "export default { reactStrictMode: true };\n",
        "README.md": "# web\n",
      },
    },
    {
      name: "@repo/docs",
      dir: "apps/docs",
      scripts: { build: "vite build", dev: "vite", lint: "eslint .", test: "vitest run" },
      dependencies: {
        react: catalog(pm, "18.3.1", "react18"),
        "react-dom": catalog(pm, "18.3.1", "react18"),
        "@radix-ui/react-slot": "^1.2.3",
      },
      devDependencies: {
        "@repo/eslint-config": internal(pm, "*"),
        "@types/react": "^18.3.0",
        "@vitejs/plugin-react": "^4.6.0",
        esbuild: "^0.25.0",
        sass: "^1.89.0",
        vite: "^6.3.0",
        vitest: "^3.2.0",
      },
      files: {
        "src/main.jsx": "import { createRoot } from 'react-dom/client';\n",
        "src/styles.scss": "$brand: #333;\nbody { color: $brand; }\n",
        "vite.config.js": "export default {};\n",
        "index.html": "<!doctype html><div id=root></div>\n",
      },
    },
    {
      name: "@repo/api",
      dir: "apps/api",
      scripts: {
        build: "tsc -p .",
        "db:generate": "prisma generate",
        dev: "tsx watch src/index.js",
        lint: "eslint .",
        test: "node --test",
      },
      dependencies: {
        "@prisma/client": "^6.10.0",
        express: "^4.21.0",
        zod: "^3.25.0",
        "zod-next": "npm:zod@^4.1.0",
        "is-odd": IS_ODD_TARBALL,
        // Overridden to 7.0.0 (the importer records that), while is-odd's own is-number is 6.
        "is-number": "^7.0.0",
      },
      devDependencies: {
        "@repo/eslint-config": internal(pm, "*"),
        "@types/express": "^5.0.0",
        prisma: "^6.10.0",
        tsx: "^4.20.0",
        typescript: "^5.8.0",
      },
      files: {
        "src/index.js": "import express from 'express';\nexport const app = express();\n",
        "prisma/schema.prisma": 'generator client {\n  provider = "prisma-client-js"\n}\n',
        "test/app.test.js": "import test from 'node:test';\ntest('ok', () => {});\n",
      },
    },
    {
      name: "@repo/ui",
      dir: "packages/ui",
      scripts: { build: "tsc -p .", lint: "eslint .", typecheck: "tsc --noEmit" },
      dependencies: {
        "@radix-ui/react-slot": "^1.2.3",
        "class-variance-authority": "^0.7.1",
        clsx: "^2.1.1",
        "tailwind-merge": "^3.3.0",
        "is-number": patched,
      },
      devDependencies: {
        react: catalog(pm, "^19.1.0"),
        "@types/react": "^19.1.0",
        jest: "^29.7.0",
        typescript: "^5.8.0",
      },
      peerDependencies: { react: "^18.0.0 || ^19.0.0", "@types/react": "*" },
      packageJson: { peerDependenciesMeta: { "@types/react": { optional: true } } },
      files: {
        "src/button.jsx": "export function Button(props) {\n  return props.children;\n}\n",
        "src/index.js": "export * from './button.jsx';\n",
      },
    },
    {
      name: "@repo/config",
      dir: "packages/config",
      scripts: { lint: "prettier --check ." },
      devDependencies: { prettier: "^3.6.0" },
      files: { "prettier.config.js": "export default { semi: true };\n" },
    },
    {
      name: "@repo/eslint-config",
      dir: "packages/config/eslint",
      dependencies: {
        "@eslint/js": "^9.30.0",
        "eslint-plugin-react-hooks": "^5.2.0",
        globals: "^16.0.0",
        "typescript-eslint": "^8.35.0",
      },
      peerDependencies: { eslint: "^9.0.0" },
      files: { "index.js": "export default [];\n" },
    },
  ];
}

/** Root package.json keys: overrides/resolutions, patches, catalogs (bun keeps them here). */
function root(pm: TestPackageManager): Record<string, unknown> {
  const globs = ["apps/*", "packages/*", "packages/config/*"];
  const common = { devDependencies: { prettier: "^3.6.0", typescript: "^5.8.0" } };
  switch (pm) {
    case "npm":
    case "yarn":
      // patch-package applies the patch after install; the lockfile does not record it.
      return {
        ...common,
        workspaces: globs,
        [pm === "npm" ? "overrides" : "resolutions"]: { "is-number": "7.0.0" },
        scripts: { postinstall: "patch-package" },
        devDependencies: { ...common.devDependencies, "patch-package": "^8.0.0" },
      };
    case "berry":
      return { ...common, workspaces: globs, resolutions: { "is-odd/is-number": "6.0.0" } };
    case "pnpm":
      return common;
    case "bun":
      return {
        ...common,
        workspaces: {
          packages: globs,
          catalog: { react: "^19.1.0", "react-dom": "^19.1.0" },
          catalogs: { react18: { react: "18.3.1", "react-dom": "18.3.1" } },
        },
        overrides: { "is-number": "7.0.0" },
        // No `patchedDependencies`: turbo hashes a bun patch in a form Turbine does not reproduce
        // yet (see packages/workspace/README.md); the corpus holds what both hash alike.
      };
  }
}

/** Root files: the pnpm workspace (catalogs, overrides, patches) and the patch itself. */
function files(pm: TestPackageManager): Record<string, string> {
  const out: Record<string, string> = {
    ".gitignore": "node_modules/\n.turbo/\ndist/\n.next/\n",
    ".env.example": "DATABASE_URL=postgres://localhost/app\n",
    "tsconfig.base.json": '{ "compilerOptions": { "strict": true } }\n',
  };
  if (pm === "npm" || pm === "yarn") out["patches/is-number+7.0.0.patch"] = IS_NUMBER_PATCH;
  else if (pm !== "bun") out["patches/is-number@7.0.0.patch"] = IS_NUMBER_PATCH;
  if (pm === "pnpm") {
    out["pnpm-workspace.yaml"] = [
      "packages:",
      '  - "apps/*"',
      '  - "packages/*"',
      '  - "packages/config/*"',
      "catalog:",
      '  react: "^19.1.0"',
      '  react-dom: "^19.1.0"',
      "catalogs:",
      "  react18:",
      "    react: 18.3.1",
      "    react-dom: 18.3.1",
      "overrides:",
      "  is-number: 7.0.0",
      '  "is-odd>is-number": 6.0.0',
      "patchedDependencies:",
      "  is-number@7.0.0: patches/is-number@7.0.0.patch",
      "",
    ].join("\n");
  }
  return out;
}

function corpusSpec(pm: TestPackageManager): RepoSpec {
  return {
    packageManager: pm,
    root: root(pm),
    packages: packages(pm),
    turbo: TURBO_JSON,
    files: files(pm),
  };
}

async function generate(pm: TestPackageManager): Promise<void> {
  const repo = await TempRepo.create(pm);
  try {
    await writeRepoSpec(repo, corpusSpec(pm));
    await repo.install();
    const dest = path.join(turbineRoot(), "test", "fixtures", "corpus", pm);
    await rm(dest, { recursive: true, force: true });
    await cp(repo.root, dest, {
      recursive: true,
      filter: (src) =>
        !/(^|\/)(\.git|node_modules|\.yarn)(\/|$)/.test(path.relative(repo.root, src)),
    });
    process.stdout.write(`${pm}: written to ${path.relative(turbineRoot(), dest)}\n`);
  } finally {
    await repo.cleanup();
  }
}

const wanted = process.argv.slice(2) as TestPackageManager[];
for (const pm of wanted.length > 0 ? wanted : MANAGERS) await generate(pm);
