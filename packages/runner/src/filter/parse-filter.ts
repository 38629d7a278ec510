import { RunnerError } from "../errors.js";

/** A git range from `[from]` (to the working tree, uncommitted included) or `[from...to]`. */
export interface GitRange {
  readonly from: string;
  /** Undefined: compare against the working tree, uncommitted and untracked files included. */
  readonly to: string | undefined;
}

/** One parsed `--filter` selector, turbo's `TargetSelector`. */
export interface FilterSelector {
  /** The raw selector text, for messages. */
  readonly raw: string;
  /** `!sel`: subtract the selection. */
  readonly exclude: boolean;
  /** `sel...`: add the selected packages' dependencies. */
  readonly includeDependencies: boolean;
  /** `...sel`: add the selected packages' dependents. */
  readonly includeDependents: boolean;
  /** `^` next to `...`: drop the matched packages themselves. */
  readonly excludeSelf: boolean;
  /** `name...[range]`: a package matches if it or one of its dependencies changed. */
  readonly matchDependencies: boolean;
  /** Package name or glob (`@acme/*`); undefined when absent. */
  readonly namePattern: string | undefined;
  /** Directory (`./apps/*`, from `{./apps/*}` or a bare relative path), unresolved. */
  readonly parentDir: string | undefined;
  readonly gitRange: GitRange | undefined;
}

// turbo's (and pnpm's) selector shape: name, then {dir}, then [range] optionally led by "...".
const SELECTOR =
  /^(?<name>[^.](?:[^{}[\]]*[^{}[\].])?)?(?<dir>\{[^}]*\})?(?<range>(?:\.\.\.)?\[[^\]]+\])?$/;

/**
 * Parses one `--filter` value into a selector (pure; no workspace needed). Throws
 * `ERR_RUNNER_INVALID_FILTER` for empty or malformed selectors.
 */
export function parseFilter(raw: string): FilterSelector {
  let text = raw.trim();
  const exclude = text.startsWith("!");
  if (exclude) text = text.slice(1);
  let includeDependents = false;
  let includeDependencies = false;
  let excludeSelf = false;
  if (text.startsWith("...")) {
    includeDependents = true;
    text = text.slice(3);
    if (text.startsWith("^")) {
      excludeSelf = true;
      text = text.slice(1);
    }
  }
  if (text.endsWith("...")) {
    includeDependencies = true;
    text = text.slice(0, -3);
    if (text.endsWith("^")) {
      excludeSelf = true;
      text = text.slice(0, -1);
    }
  }
  if (text === "") throw invalid(raw, "the selector is empty");
  const base = { raw, exclude, includeDependencies, includeDependents, excludeSelf };
  const match = SELECTOR.exec(text);
  if (match?.groups === undefined) {
    if (text.startsWith(".")) {
      return {
        ...base,
        matchDependencies: false,
        namePattern: undefined,
        parentDir: text,
        gitRange: undefined,
      };
    }
    throw invalid(raw, `'${text}' is not a name, {directory} or [git range]`);
  }
  const { name, dir, range } = match.groups;
  const matchDependencies = range?.startsWith("...") ?? false;
  return {
    ...base,
    matchDependencies,
    namePattern: name,
    parentDir: dir === undefined ? undefined : dir.slice(1, -1),
    gitRange:
      range === undefined ? undefined : parseRange(range.slice(matchDependencies ? 4 : 1, -1)),
  };
}

function parseRange(inner: string): GitRange {
  const at = inner.indexOf("...");
  if (at === -1) return { from: inner, to: undefined };
  return { from: inner.slice(0, at), to: inner.slice(at + 3) };
}

function invalid(raw: string, why: string): RunnerError {
  return new RunnerError("ERR_RUNNER_INVALID_FILTER", `invalid --filter '${raw}': ${why}`, {
    hint: "Use a package name or glob, {./dir}, [git-range], with optional ... / ^ / ! (see turbo's --filter docs).",
  });
}
