// @ts-check
// Bundles the CLI (dist/bin.js, built by `tsc -b`) and its dependencies into a few ESM chunks in
// dist/bundle/, which bin/turbine.js loads: start-up then reads a handful of files instead of
// ~190 modules. Dynamic imports stay separate chunks, so `--version` and `--help` load neither
// the runner nor undici.
import path from "node:path";

import { defineConfig } from "rolldown";

/**
 * `@turbine/workspace` loads yaml, semver and @yarnpkg/lockfile synchronously on first use with a
 * module-level `const require = createRequire(import.meta.url)`. That resolves from the module's
 * own file, which in the bundle is a chunk in dist/bundle/, from where those packages cannot be
 * found. Dropping the declaration leaves plain `require("…")` calls, which rolldown resolves at
 * build time and bundles (semver), or leaves to run time for the `external` ones below (resolved
 * from this package's dependencies): each library runs on its first call, as before. Any other use of
 * `import.meta` or `createRequire` in Turbine's own code fails the build rather than the bundle.
 *
 * @returns {import("rolldown").Plugin}
 */
function bundledRequire() {
  const declaration = "const require = createRequire(import.meta.url);";
  const importLine = 'import { createRequire } from "node:module";';
  const packagesDir = path.dirname(import.meta.dirname) + path.sep;
  /** @param {string} id */
  const ownModule = (id) =>
    id.startsWith(packagesDir) && !id.includes(`${path.sep}node_modules${path.sep}`);
  return {
    name: "turbine:bundled-require",
    transform: {
      filter: { code: /import\.meta|createRequire/ },
      handler(code, id) {
        if (!ownModule(id)) return null;
        const stripped = code.replace(declaration, "").replace(importLine, "");
        if (/import\.meta|createRequire/.test(stripped)) {
          this.error(
            `${path.relative(process.cwd(), id)}: only \`${declaration}\` (at module level) ` +
              "survives bundling; other uses of import.meta or createRequire resolve from the " +
              "chunk's location, not the module's",
          );
        }
        return { code: stripped, map: null };
      },
    },
  };
}

/**
 * commander imports `stripVTControlCharacters` from `node:util` at the top of two modules, and
 * `node:util` loads some thirty internal modules (~5 ms) that nothing else in a run needs. Its
 * imports get a module that loads `node:util` on the first call instead (help and error output).
 *
 * @returns {import("rolldown").Plugin}
 */
function lazyUtilForCommander() {
  const virtual = "\0turbine:lazy-node-util";
  const commanderDir = `${path.sep}node_modules${path.sep}commander${path.sep}`;
  return {
    name: "turbine:lazy-node-util",
    resolveId(source, importer) {
      if (source === "node:util" && importer?.includes(commanderDir) === true) return virtual;
      return null;
    },
    load(id) {
      if (id !== virtual) return null;
      return [
        "export function stripVTControlCharacters(text) {",
        '  return process.getBuiltinModule("node:util").stripVTControlCharacters(text);',
        "}",
      ].join("\n");
    },
  };
}

export default defineConfig({
  input: { bin: path.join(import.meta.dirname, "dist", "bin.js") },
  platform: "node",
  // jsonc-parser's `main` is a UMD build with a dynamic require("./impl/format"); its `module`
  // (ESM) build bundles cleanly.
  resolve: { mainFields: ["module", "main"] },
  // CommonJS dependencies that read their own location get the chunk's: @yarnpkg/lockfile
  // computes a yarn bin path from __dirname while loading (never used for parsing).
  transform: {
    define: { __filename: "import.meta.filename", __dirname: "import.meta.dirname" },
  },
  plugins: [bundledRequire(), lazyUtilForCommander()],
  // Only pnpm and berry repos read YAML, only yarn 1 repos a yarn.lock: these two parsers are a
  // third of the runner's chunk (~460 KB), which every run would compile. Left external, the
  // `require` calls above resolve them at run time from this package's own dependencies.
  external: ["yaml", "@yarnpkg/lockfile"],
  output: {
    dir: path.join(import.meta.dirname, "dist", "bundle"),
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    cleanDir: true,
  },
});
