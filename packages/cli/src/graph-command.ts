import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

import {
  findRepoRoot,
  graphDeprecation,
  graphFileOf,
  planTaskGraph,
  renderTaskGraph,
  renderWithGraphviz,
  type RunOptions,
} from "@turbine/runner";

import { type CliIo, type CliResult, lineWriters } from "./io.js";

const NO_GRAPHVIZ =
  "`turbine` uses Graphviz to generate an image of your graph, but Graphviz isn't installed on this machine.\n\n" +
  "Note: --graph output to .png, .jpg, .pdf, and .json is deprecated and will be removed in version 3.0. Use .svg, .html, .mermaid, or .dot instead.\n\n" +
  "In the meantime, you can use this string output with an online Dot graph viewer.";

/**
 * `--graph`: DOT on stdout, or a file relative to the repo root as turbo 2.11.13 writes it. DOT,
 * mermaid and the viz.js HTML page are written directly; the deprecated .png/.jpg/.pdf/.json go
 * through Graphviz's `dot` and, when it is not installed, turbo's warning and the DOT on stdout.
 */
export async function graphCommand(
  graph: string | true,
  options: RunOptions,
  io: CliIo,
): Promise<CliResult> {
  const target = graph === true ? undefined : graphFileOf(graph);
  const taskGraph = await planTaskGraph(options);
  const dot = renderTaskGraph(taskGraph, "dot");
  if (target === undefined) {
    io.stdout.write(dot);
    return { exitCode: 0 };
  }
  const { err } = lineWriters(io);
  // turbo warns about the format asked for, not the .jpg it picks for a name without extension.
  const deprecation = target.file === graph ? graphDeprecation(target.format) : undefined;
  if (deprecation !== undefined) err(` WARNING  ${deprecation}`);
  const root = findRepoRoot(options.cwd);
  const file = resolve(root, target.file);
  const { format } = target;
  if (format === "dot" || format === "mermaid" || format === "html") {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderTaskGraph(taskGraph, format));
  } else {
    const written = await renderWithGraphviz({ dot, format, file, cwd: root, path: io.env.PATH });
    if (!written) {
      err(` WARNING  ${NO_GRAPHVIZ}`);
      io.stdout.write(dot);
    }
  }
  io.stdout.write(`\n\u2713 Generated task graph in ${file}\n`);
  return { exitCode: 0 };
}
