import { snapshot, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbineBin } from "./support/turbine.js";

// Two Turbine processes restoring the same deleted outputs at the same moment (two terminals, or
// an editor's build next to a shell's) must both succeed: each creates directories and files
// the other may have created a moment before.

const create = useTempRepos();

/** `small` restores from memory (no stage); `big`, past 1 MiB, streams through a stage. */
const BUILD = (files: number, bytes: number): string =>
  `node -e "const fs=require('fs'),c=require('crypto');for(let i=0;i<${files};i++){const d='dist/sub'+(i%4)+'/deep';fs.mkdirSync(d,{recursive:true});fs.writeFileSync(d+'/f'+i+'.bin',c.randomBytes(${bytes}))}"`;

describe("two processes restoring the same outputs at once", () => {
  it("both succeed, 8 rounds out of 8, from memory and through a stage", async () => {
    const repo = await create({
      packages: [
        { name: "small", scripts: { build: BUILD(24, 200) } },
        { name: "big", scripts: { build: BUILD(8, 300_000) } },
      ],
      turbo: { tasks: { build: { outputs: ["dist/**"] } } },
      files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
    });
    const first = await runTurbineBin(repo.root, ["run", "build"]);
    expect(first.code, first.stderr).toBe(0);
    const expected = await snapshot(repo.path("packages"));
    for (let round = 0; round < 8; round++) {
      await repo.remove("packages/small/dist");
      await repo.remove("packages/big/dist");
      const both = await Promise.all([
        runTurbineBin(repo.root, ["run", "build"]),
        runTurbineBin(repo.root, ["run", "build"]),
      ]);
      for (const ran of both) {
        expect(ran.stderr, `round ${String(round)}`).not.toContain("unusable");
        expect(ran.code, `round ${String(round)}: ${ran.stderr}`).toBe(0);
        expect(ran.stdout, `round ${String(round)}`).toContain(">>> FULL TURBO");
      }
      expect(await snapshot(repo.path("packages")), `round ${String(round)}`).toEqual(expected);
    }
  });
});
