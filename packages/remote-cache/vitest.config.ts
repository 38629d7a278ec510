import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "remote-cache",
    include: ["test/**/*.test.ts"],
  },
});
