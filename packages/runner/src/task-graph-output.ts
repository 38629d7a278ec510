import { renderDot, renderMermaid, type TaskGraph } from "@turbine/workspace";

import { RunnerError } from "./errors.js";
import { planRun } from "./plan-run.js";
import type { RunOptions } from "./run-options.js";

/** The file formats `--graph=<file>` accepts, picked by extension (turbo 2.11.13's list). */
export type GraphFormat = "svg" | "png" | "jpg" | "pdf" | "json" | "html" | "mermaid" | "dot";

const GRAPH_FORMATS: readonly GraphFormat[] = [
  "svg",
  "png",
  "jpg",
  "pdf",
  "json",
  "html",
  "mermaid",
  "dot",
];

/** Formats turbo hands to Graphviz's `dot` (deprecated in turbo 2.11, to go in 3.0). */
const GRAPHVIZ_FORMATS: ReadonlySet<GraphFormat> = new Set(["png", "jpg", "pdf", "json"]);

/** The task graph of a run (filters, `--only` and all), without hashing side effects on disk. */
export async function planTaskGraph(options: RunOptions): Promise<TaskGraph> {
  const plan = await planRun(options);
  return plan.graph;
}

/**
 * The format and file for `--graph=<file>`: by extension, and as turbo does, a name without one
 * gets `.jpg`. Throws `ERR_RUNNER_INVALID_OPTION` with turbo's message for other extensions.
 */
export function graphFileOf(file: string): { readonly file: string; readonly format: GraphFormat } {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return { file: `${file}.jpg`, format: "jpg" };
  const ext = base.slice(dot + 1);
  const format = GRAPH_FORMATS.find((f) => f === ext);
  if (format !== undefined) return { file, format };
  throw new RunnerError(
    "ERR_RUNNER_INVALID_OPTION",
    `invalid value '${file}' for '--graph': Unsupported file extension: ${ext}. ` +
      `Supported extensions are: ${GRAPH_FORMATS.join(", ")}`,
    { hint: "Use --graph alone for DOT on stdout, or a .svg, .html, .mermaid or .dot file." },
  );
}

/** turbo's deprecation warning for a `--graph` format, if it has one. */
export function graphDeprecation(format: GraphFormat): string | undefined {
  if (format === "json") {
    return "--graph with .json output is deprecated and will be removed in version 3.0. Use `turbo query` for programmatic access to the task graph.";
  }
  if (!GRAPHVIZ_FORMATS.has(format)) return undefined;
  return `--graph with .${format} output is deprecated and will be removed in version 3.0. Use .svg, .html, .mermaid, or .dot instead.`;
}

/** Renders the graph as turbo writes it: DOT, mermaid, or its viz.js HTML page around the DOT. */
export function renderTaskGraph(graph: TaskGraph, format: "dot" | "mermaid" | "html"): string {
  switch (format) {
    case "dot":
      return renderDot(graph);
    case "mermaid":
      return renderMermaid(graph);
    case "html":
      return vizPage(renderDot(graph));
  }
}

/**
 * turbo's `.html` page: the DOT text as a JavaScript string literal (JSON, with `<`, `>`, `&`,
 * U+2028 and U+2029 escaped so it cannot end the script), rendered in the browser by viz.js.
 */
function vizPage(dot: string): string {
  const literal = JSON.stringify(dot).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
  return [
    "",
    "<!DOCTYPE html>",
    "<html>",
    "<head>",
    '  <meta charset="utf-8">',
    "  <title>Graph</title>",
    "</head>",
    "<body>",
    '  <script src="https://cdn.jsdelivr.net/npm/viz.js@2.1.2-pre.1/viz.js"></script>',
    '  <script src="https://cdn.jsdelivr.net/npm/viz.js@2.1.2-pre.1/full.render.js"></script>',
    "  <script>",
    `const s = ${literal}.replace(/\\_\\_\\_ROOT\\_\\_\\_/g, "Root").replace(/\\[root\\]/g, "");new Viz().renderSVGElement(s).then(el => document.body.appendChild(el)).catch(e => console.error(e));`,
    "  </script>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
