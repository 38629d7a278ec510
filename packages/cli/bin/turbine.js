#!/usr/bin/env node
// V8's compile cache (Node >= 22.1) keeps the compiled code of Turbine and its dependencies in the
// OS temp dir, which roughly halves start-up after the first run. Enabled before anything loads.
import module from "node:module";

module.enableCompileCache?.();
// The rolldown bundle of dist/bin.js (packages/cli/rolldown.config.mjs, part of `pnpm build`).
// There is deliberately no fallback to the unbundled dist: a missing bundle is a build not run.
await import("../dist/bundle/bin.js");
