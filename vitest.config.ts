import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "test"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
    // Tests spawn git, turbo and servers; a 2-core machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
