import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "hasher",
    include: ["test/**/*.test.ts"],
  },
});
