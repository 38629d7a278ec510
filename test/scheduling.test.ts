import { useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// These tests spawn npm and git on a shared 2-core machine.

const create = useTempRepos();

/** A build that appends the package's name to `<root>/order.txt`, after `ms` of sleep. */
function build(name: string, ms: number): string {
  return `node -e "setTimeout(() => require('fs').appendFileSync('../../order.txt', '${name}\\n'), ${String(ms)})"`;
}

describe("critical-path scheduling", () => {
  it("starts the task that took longest last time first, even after its inputs changed", async () => {
    const quick = ["a", "b", "c"];
    const repo = await create({
      packages: [
        ...quick.map((name) => ({
          name,
          scripts: { build: build(name, 10) },
          files: { "src/index.js": "1\n" },
        })),
        {
          name: "z-slow",
          scripts: { build: build("z-slow", 800) },
          files: { "src/index.js": "1\n" },
        },
      ],
      turbo: { tasks: { build: { outputs: [] } } },
      files: { ".gitignore": "node_modules/\n.turbo/\norder.txt\n" },
    });
    const first = await runTurbine(repo.root, ["run", "build", "--concurrency=1"]);
    expect(first.code, first.stdout + first.stderr).toBe(0);

    // Every package changes, so no task's hash has a cache entry (and so no `-meta.json`
    // duration); only the run records, kept by task id, know that z-slow is the long one.
    for (const name of [...quick, "z-slow"]) {
      await repo.write(`packages/${name}/src/index.js`, "2\n");
    }
    await repo.write("order.txt", "");
    const second = await runTurbine(repo.root, ["run", "build", "--concurrency=1"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const order = (await repo.read("order.txt")).trim().split("\n");
    expect(order).toHaveLength(4);
    // The durations are read without holding up the run, so the very first pick may still be
    // by graph depth (alphabetical here); every pick after it is by duration.
    expect(order.indexOf("z-slow")).toBeLessThanOrEqual(1);
  });
});
