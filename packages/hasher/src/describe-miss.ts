import type { ClosureChanges } from "./closure-diff.js";
import type { FileChanges, MissReason } from "./miss-reason.js";

export interface DescribeOptions {
  /** Names listed per kind (files, lockfile packages) before the rest is counted; default 3. */
  readonly limit?: number;
}

/** One plain-words line per reason, in the reasons' order (see `describeMissReason`). */
export function describeMissReasons(
  reasons: readonly MissReason[],
  options: DescribeOptions = {},
): string[] {
  return reasons.map((reason) => describeMissReason(reason, options));
}

/**
 * A reason in plain words: `src/index.ts modified`, `dependency lib#build changed: src/a.ts
 * modified`, `env API_URL changed`, `lockfile: react 18.2.0 → 18.3.1`, `no previous run`, …
 * Env vars are named, never valued; paths are package-relative (global files repo-relative).
 */
export function describeMissReason(reason: MissReason, options: DescribeOptions = {}): string {
  const limit = options.limit ?? 3;
  switch (reason.kind) {
    case "forced":
      return "forced (--force)";
    case "cache-off":
      return "caching is off for this task (turbo.json cache: false)";
    case "cache-reads-off":
      return "cache reads are off for this run (--cache)";
    case "no-previous-run": {
      const c = reason.committed;
      if (c === undefined) return "no previous run";
      const where = `the ${c.source === "LOCAL" ? "local" : "remote"} cache has this task at commit ${c.sha.slice(0, 7)} (${c.hash})`;
      const since = c.changes.map((r) => describeMissReason(r, options));
      return `no previous run here; ${where}${since.length > 0 ? `; since then: ${since.join("; ")}` : ""}`;
    }
    case "files":
      return fileChanges(reason, limit);
    case "dependency":
      return dependency(reason, options);
    case "env":
      return `env ${reason.name} ${reason.change}${reason.inferred ? " (framework)" : ""}`;
    case "pass-through-args":
      return `pass-through args changed: ${list(reason.before)} → ${list(reason.after)}`;
    case "outputs":
      return `outputs changed: ${outputs(reason.before)} → ${outputs(reason.after)}`;
    case "definition":
      return `turbo.json ${reason.key} changed: ${json(reason.before)} → ${json(reason.after)}`;
    case "framework":
      return `framework changed: ${reason.before || "none"} → ${reason.after || "none"}`;
    case "package-dir":
      return `package moved: ${reason.before ?? "(root)"} → ${reason.after ?? "(root)"}`;
    case "lockfile":
      return `lockfile: ${closure(reason.changes, "the task's external dependencies changed", limit)}`;
    case "global-files":
      return `global files: ${fileChanges(reason, limit)}`;
    case "global-env":
      return `global env ${reason.name} ${reason.change}${reason.inferred ? " (framework)" : ""}`;
    case "root-dependencies":
      return `root dependencies: ${closure(reason.changes, "the root's external dependencies changed", limit)}`;
    case "global-setting":
      return reason.key === "engines"
        ? `root package.json engines changed: ${json(reason.before)} → ${json(reason.after)}`
        : `${reason.key === "envMode" || reason.key === "frameworkInference" ? "" : "turbo.json "}${reason.key} changed: ${json(reason.before)} → ${json(reason.after)}`;
    case "root-internal-dependencies":
      return "the root package's workspace dependencies changed";
    case "global-unknown":
      return "global inputs changed (the last run's were not recorded)";
    case "last-run-failed":
      return `inputs unchanged; the last run failed${reason.exitCode === null ? "" : ` (exit ${String(reason.exitCode)})`}`;
    case "not-saved":
      return "inputs unchanged; the last run did not save it to the cache";
    case "entry-missing":
      return `inputs unchanged; its cache entry ${reason.hash} is gone (deleted or evicted)`;
    case "unexplained":
      return `hash changed (${reason.before} → ${reason.after}) with no recorded input changed (last run by ${reason.producer})`;
  }
}

function dependency(reason: MissReason & { kind: "dependency" }, options: DescribeOptions): string {
  const head = `dependency ${reason.taskId}`;
  if (reason.change !== "changed") return `${head} ${reason.change}`;
  if (reason.why === "later-run") return `${head} changed (it has run again since)`;
  if (reason.why === "unknown" || reason.why.length === 0) return `${head} changed`;
  return `${head} changed: ${reason.why.map((r) => describeMissReason(r, options)).join("; ")}`;
}

function fileChanges(files: FileChanges, limit: number): string {
  const parts: string[] = [];
  for (const [paths, verb] of [
    [files.modified, "modified"],
    [files.added, "added"],
    [files.removed, "removed"],
  ] as const) {
    if (paths.length === 0) continue;
    if (paths.length <= limit) parts.push(`${paths.join(", ")} ${verb}`);
    else parts.push(`${String(paths.length)} files ${verb}: ${named(paths, limit)}`);
  }
  return parts.join("; ");
}

function closure(changes: ClosureChanges | undefined, unknown: string, limit: number): string {
  if (changes === undefined) return unknown;
  const items = [
    ...changes.changed.map((c) => `${c.name} ${c.before.join(", ")} → ${c.after.join(", ")}`),
    ...changes.added.map((p) => `added ${p}`),
    ...changes.removed.map((p) => `removed ${p}`),
  ];
  if (items.length > 0) return named(items, limit);
  return `${named(changes.moved, limit)} moved (same ${changes.moved.length === 1 ? "version" : "versions"})`;
}

/** `a, b, c and 4 more`. */
function named(items: readonly string[], limit: number): string {
  if (items.length <= limit) return items.join(", ");
  return `${items.slice(0, limit).join(", ")} and ${String(items.length - limit)} more`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(" ");
}

function outputs(value: {
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
}): string {
  // The log file is always an output; it only changes with the task name.
  const shown = [
    ...value.inclusions.filter((glob) => !glob.startsWith(".turbo/turbo-")),
    ...value.exclusions.map((glob) => `!${glob}`),
  ];
  return json(shown);
}

function json(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
