import { defineProject } from "vitest/config";

import { sourceAliases } from "../../vitest.source.js";

export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: "cli",
    // Tests spawn git, turbo, package managers and servers on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ["test/**/*.test.ts"],
  },
});
