import { readdirSync } from "node:fs";

import type { PackageJson } from "@turbine/workspace";

import type { ScriptTask } from "../task-execution.js";

/** Text a package manager prints around a script, and on which stream. */
export interface Chunk {
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

export type DirectTask = ScriptTask;

/** One shell the package manager would start: a lifecycle event (`prebuild`, `build`, ...). */
export interface Step {
  readonly event: string;
  /** The string the manager passes to `<shell> -c`. */
  readonly command: string;
  /** The raw script of the event. */
  readonly script: string;
  /** Printed before the shell starts (`> pkg@1.0.0 build`). */
  readonly banner: readonly Chunk[];
}

/**
 * What a probe taught about the package manager for a group of tasks that share an environment:
 * the variables it sets the same way for every script, the ones it removes, the constant parts of
 * its `PATH`, and whether it runs `pre`/`post` scripts here.
 */
export interface Learned {
  readonly overrides: Readonly<Record<string, string>>;
  readonly removals: ReadonlySet<string>;
  /** PATH entries the manager adds that do not depend on the package (node-gyp-bin, ...). */
  readonly pathAdditions: readonly string[];
  /** Undefined when no task of the group has a `pre`/`post` script (then it cannot matter). */
  readonly runsPrePost: boolean | undefined;
  /** PATH entries before the package's own (yarn 1's folder of `node` and `yarn` wrappers). */
  readonly pathHead: readonly string[];
}

export interface ScriptShell {
  readonly shell: string;
  readonly vars: Readonly<Record<string, string>>;
}

/** How the probe makes a manager start the probe instead of a shell. */
export interface ProbeHook {
  /** Variables added to the manager's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Directory put first on the manager's `PATH` (holding the probe under `shellName`). */
  readonly pathPrefix?: string;
}

/**
 * One package manager's way of running a script, as far as direct execution reproduces it. What
 * cannot be computed is learned by the probe and checked against it (see `learn.ts`).
 */
export interface ManagerModel {
  /** Why this task cannot run directly, or undefined. */
  unsupported(task: DirectTask): string | undefined;
  /** How to slip the probe in (`script-shell`, or a shell first on PATH). */
  probeHook(probeShell: string): ProbeHook;
  /** The probe's file name: what the manager looks for on PATH, or any name. */
  readonly probeName: string;
  /** Variables the probe hook itself leaves in the environment scripts see. */
  readonly hookKeys: readonly string[];
  /** The variables the manager computes for one script (package, lifecycle, INIT_CWD, ...). */
  scriptVars(task: DirectTask, step: Step): Record<string, string>;
  /** The manager's PATH for the probed task split into its package-independent additions. */
  pathAdditions(path: string, task: DirectTask, originalPath: string): string[] | undefined;
  path(task: DirectTask, learned: Learned, originalPath: string): string;
  /**
   * Prepares what scripts of a group need beside the environment, in `dir` (a folder the run
   * removes at its end); returns the PATH head (see `Learned`).
   */
  setup?(learned: Learned, dir: string): Promise<string[]>;
  steps(task: DirectTask, runsPrePost: boolean): Step[];
  /** Printed once before the first step (yarn 1's `yarn run v1.22.22`). */
  opening(task: DirectTask, learned: Learned): Chunk[];
  /** Printed after every step succeeded; `durationMs` for yarn 1's `Done in 0.12s.`. */
  success(task: DirectTask, durationMs: number): Chunk[];
  /** Printed after a step failed with `exitCode`. */
  failure(task: DirectTask, step: Step, exitCode: number, shell: string): Chunk[];
  /**
   * The shell scripts run in, given the manager's settings and the script's PATH, and the
   * variables a configured `script-shell` adds; undefined when the setting cannot be read.
   */
  shell(task: DirectTask, learned: Learned, scriptPath: string): ScriptShell | undefined;
  /** Replaces run-dependent figures (timings) before the probe's output is compared. */
  normalizeOutput?(text: string): string;
}

/** `String(value)` of a JSON scalar, as the managers write package fields into variables. */
export function scalarText(value: unknown): string {
  const scalar = value as string | number | boolean | null;
  return scalar === null ? "null" : typeof scalar === "string" ? scalar : scalar.toString();
}

export function hasScript(manifest: PackageJson, name: string): boolean {
  const scripts = manifest.scripts;
  return (
    scripts !== undefined &&
    Object.prototype.hasOwnProperty.call(scripts, name) &&
    typeof scripts[name] === "string"
  );
}

export function scriptOf(manifest: PackageJson, name: string): string {
  return hasScript(manifest, name) ? (manifest.scripts?.[name] as string) : "";
}

/** `node_modules/.bin` of `dir` and of every directory above it, nearest first. */
export function ancestorBins(dir: string): string[] {
  const bins: string[] = [];
  let current = dir;
  for (;;) {
    bins.push(`${current === "/" ? "" : current}/node_modules/.bin`);
    const parent = current.slice(0, current.lastIndexOf("/")) || "/";
    if (parent === current) return bins;
    current = parent;
  }
}

/** The entries between `prefix` and the original PATH; undefined when `path` has another shape. */
export function middleOf(
  path: string,
  prefix: readonly string[],
  originalPath: string,
): string[] | undefined {
  const head = prefix.join(":");
  if (path !== head && !path.startsWith(`${head}:`)) return undefined;
  let rest = path.slice(head.length + 1);
  if (originalPath !== "") {
    if (rest === originalPath) return [];
    if (!rest.endsWith(`:${originalPath}`)) return undefined;
    rest = rest.slice(0, rest.length - originalPath.length - 1);
  }
  return rest === "" ? [] : rest.split(":");
}

export function joinPath(parts: readonly string[], originalPath: string): string {
  return [...parts, ...(originalPath === "" ? [] : [originalPath])].join(":");
}

/** Names the manager reads a `script-shell` setting under, in the caller's environment. */
export function envSetting(
  env: Readonly<Record<string, string>>,
  names: readonly string[],
): string | undefined {
  for (const [key, value] of Object.entries(env)) {
    if (names.includes(key.toLowerCase()) && value !== "") return value;
  }
  return undefined;
}

/** A directory's entry names; none when it cannot be read. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
