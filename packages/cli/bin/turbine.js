#!/usr/bin/env node
// Written for any Node.js version: it must be able to say which one Turbine needs (zstd comes
// from node:zlib, added in 22.15) before loading code that would fail on an older one.
const required = [22, 15];
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < required[0] || (major === required[0] && minor < required[1])) {
  process.stderr.write(
    "turbine needs Node.js " +
      required.join(".") +
      " or newer (for zstd in node:zlib); " +
      "this is Node.js " +
      process.versions.node +
      " (" +
      process.execPath +
      ").\n" +
      "Install a current Node.js LTS (https://nodejs.org) and run turbine with it.\n",
  );
  process.exit(1);
}
import("node:module").then(function (module) {
  // V8's compile cache (Node >= 22.1) keeps the compiled code of Turbine and its dependencies in
  // the OS temp dir, which roughly halves start-up after the first run. Enabled before anything
  // else loads.
  module.default.enableCompileCache();
  // The rolldown bundle of dist/bin.js (packages/cli/rolldown.config.mjs, part of `pnpm build`).
  // There is deliberately no fallback to the unbundled dist: a missing bundle is a build not run.
  return import("../dist/bundle/bin.js");
});
