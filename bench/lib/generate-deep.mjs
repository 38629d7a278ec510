// Generates a deep-graph monorepo for the scheduler: `chains` chains of `length` slow tasks
// (`slowMs` each, every link depends on the one before) beside `quick` independent quick tasks
// (`quickMs` each). The quick packages sort first, so a scheduler that starts ready tasks in
// graph order runs them before the chains and finishes late; one that starts the longest
// remaining path first keeps a slot on the chains. Scripts only sleep, so the times measure
// scheduling and start-up alone. npm workspaces, a real package-lock.json, one git commit.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { LOCK_ONLY, lockAndCommit } from "./generate.mjs";

const sleep = (ms) => `node -e "setTimeout(() => {}, ${ms})"`;

export function generateDeepRepo(
  root,
  { chains = 2, length = 6, quick = 24, slowMs = 1000, quickMs = 300 } = {},
) {
  const write = (rel, value) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, `${JSON.stringify(value, null, 2)}\n`);
  };
  write("package.json", {
    name: "deep-bench",
    private: true,
    packageManager: "npm@10.9.2",
    workspaces: ["packages/*"],
  });
  writeFileSync(path.join(root, ".gitignore"), "node_modules/\n.turbo/\n");
  write("turbo.json", { tasks: { build: { dependsOn: ["^build"], outputs: [] } } });
  for (let q = 0; q < quick; q++) {
    const name = `a-quick-${String(q).padStart(2, "0")}`;
    write(`packages/${name}/package.json`, {
      name,
      version: "1.0.0",
      scripts: { build: sleep(quickMs) },
    });
  }
  for (let c = 0; c < chains; c++) {
    for (let l = 0; l < length; l++) {
      const name = `z-chain-${c}-${l}`;
      const dependencies = l === 0 ? {} : { [`z-chain-${c}-${l - 1}`]: "*" };
      write(`packages/${name}/package.json`, {
        name,
        version: "1.0.0",
        scripts: { build: sleep(slowMs) },
        dependencies,
      });
    }
  }
  lockAndCommit(root, LOCK_ONLY, "deep-graph bench repo");
}
