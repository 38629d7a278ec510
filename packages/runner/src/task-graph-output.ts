import { renderDot, renderMermaid, type TaskGraph } from "@turbine/workspace";

import { RunnerError } from "./errors.js";
import { planRun } from "./plan-run.js";
import type { RunOptions } from "./run-options.js";

/** The file formats `--graph=<file>` can write; picked by extension. */
export type GraphFormat = "dot" | "mermaid" | "html" | "json";

/** The task graph of a run (filters, `--only` and all), without hashing side effects on disk. */
export async function planTaskGraph(options: RunOptions): Promise<TaskGraph> {
  const plan = await planRun(options);
  return plan.graph;
}

/** The format for a `--graph` file name; throws `ERR_RUNNER_INVALID_OPTION` for others (svg, png…). */
export function graphFormatOf(file: string): GraphFormat {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === "dot" || ext === "mermaid" || ext === "html" || ext === "json") return ext;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `cannot write a task graph to '${file}': unsupported format`,
    {
      hint: "Use a .dot, .mermaid, .html or .json file name, or --graph alone for DOT on stdout.",
    },
  );
}

/** Renders the graph as turbo does: DOT, mermaid, an HTML page around the mermaid text, or JSON. */
export function renderTaskGraph(graph: TaskGraph, format: GraphFormat): string {
  switch (format) {
    case "dot":
      return renderDot(graph);
    case "mermaid":
      return renderMermaid(graph);
    case "html":
      return htmlPage(renderMermaid(graph));
    case "json":
      return `${JSON.stringify(
        [...graph.nodes.values()].map((n) => ({ id: n.id, dependencies: n.dependencies })),
        null,
        2,
      )}\n`;
  }
}

function htmlPage(mermaid: string): string {
  const escaped = mermaid.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return [
    "<!DOCTYPE html>",
    '<html><head><meta charset="utf-8"><title>Task graph</title>',
    '<script type="module">import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs"; mermaid.initialize({ startOnLoad: true });</script>',
    `</head><body><pre class="mermaid">\n${escaped}</pre></body></html>`,
    "",
  ].join("\n");
}
