import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

/**
 * Under vitest, `@turbine/<name>` is `packages/<name>/src/index.ts` (and `@turbine/<name>/internal`
 * is `src/internal.ts`), so a test always runs the
 * source as it is, never a stale `dist/`. Only the bare specifier and its `./internal` subpath are aliased (`@turbine/cli/package.json`
 * still resolves normally). `@turbine/test-utils` is left to its build: it is test infrastructure, and
 * child processes load its compiled preload modules by path. Tests that spawn the `turbine` bin run
 * the bundle, which is the product.
 */
export const sourceAliases: { find: RegExp; replacement: string }[] = readdirSync(packagesDir)
  .filter((name) => name !== "test-utils" && existsSync(`${packagesDir}${name}/src/index.ts`))
  .flatMap((name) =>
    ["index", "internal"]
      .filter((entry) => existsSync(`${packagesDir}${name}/src/${entry}.ts`))
      .map((entry) => ({
        find: new RegExp(`^@turbine/${name}${entry === "index" ? "" : `/${entry}`}$`),
        replacement: `${packagesDir}${name}/src/${entry}.ts`,
      })),
  );
