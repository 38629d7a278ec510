// Hashes `turbo run build` of a bench repo with Turbine's whole pipeline (workspace, turbo.json,
// task graph, hashes) and prints `{ globalHash, tasks: { id: hash } }`. Run by
// bench/hasher/run.mjs under GNU time, side by side with `turbo run build --dry=json`.
import { hashTaskGraph, RepoIndex } from "../../packages/hasher/dist/index.js";
import {
  buildTaskGraph,
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
} from "../../packages/workspace/dist/index.js";

const root = process.argv[2];
// The git scan runs in child processes while the workspace and config load.
const index = RepoIndex.create(root);
const workspace = await loadWorkspace(root);
const config = await loadTurboConfig({
  packages: workspace.packages.values(),
  readFile: repoFileReader(root),
});
if (!config.ok) throw config.error;
const graph = buildTaskGraph({ workspace, config: config.value, tasks: ["build"] });
if (!graph.ok) throw graph.error;
const result = await hashTaskGraph({
  workspace,
  config: config.value,
  graph: graph.value,
  env: process.env,
  index,
});
const hashes = Object.fromEntries([...result.tasks].map(([id, task]) => [id, task.hash]));
process.stdout.write(JSON.stringify({ globalHash: result.globalHash, tasks: hashes }));
