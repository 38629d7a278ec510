import { WorkspaceError } from "../errors.js";

/** pnpm lockfile key formats: v5 `/name/1.0.0_peer`, v6 `/name@1.0.0(peer@1.0.0)`, v7/v9 `name@1.0.0(peer@1.0.0)`. */
export type PnpmKeyFormat = "v5" | "v6" | "v9";

export interface DepPath {
  readonly name: string;
  readonly version: string;
  /** `(peer@1.0.0)(patch_hash=...)` for v6+, the text after `_` for v5; undefined if none. */
  readonly peerSuffix: string | undefined;
}

const V5_V6 = /^[^/]*\/(@[^/]+\/[^/@]+|[^/@]+)[/@]([^_(]+)(.*)$/;
const V6_SUFFIXES = /^(?:\([^)]+\))+$/;

/** Parses a pnpm dependency path (a `packages`/`snapshots` key). Throws on malformed keys. */
export function parseDepPath(format: PnpmKeyFormat, input: string): DepPath {
  return format === "v9" ? parseV9(input) : parseV5V6(input);
}

function parseV9(input: string): DepPath {
  const at = input.indexOf("@", 1);
  if (at === -1 || at === input.length - 1) throw invalid(input);
  const name = input.slice(0, at);
  const rest = input.slice(at + 1);
  const paren = rest.indexOf("(");
  if (paren !== -1 && rest.endsWith(")")) {
    return { name, version: rest.slice(0, paren), peerSuffix: rest.slice(paren) };
  }
  return { name, version: rest, peerSuffix: undefined };
}

function parseV5V6(input: string): DepPath {
  const match = V5_V6.exec(input);
  if (match === null) throw invalid(input);
  const [, name = "", version = "", rest = ""] = match;
  if (rest === "") return { name, version, peerSuffix: undefined };
  if (rest.startsWith("_")) return { name, version, peerSuffix: rest.slice(1) };
  if (V6_SUFFIXES.test(rest)) return { name, version, peerSuffix: rest };
  throw invalid(input);
}

/** The lockfile key for a name and resolved version. */
export function formatKey(format: PnpmKeyFormat, name: string, version: string): string {
  switch (format) {
    case "v5":
      return `/${name}/${version}`;
    case "v6":
      return `/${name}@${version}`;
    case "v9":
      return `${name}@${version}`;
  }
}

function invalid(input: string): WorkspaceError {
  return new WorkspaceError(
    "ERR_LOCKFILE_INVALID_ENTRY",
    `pnpm-lock.yaml: "${input}" is not a valid dependency path`,
    { file: "pnpm-lock.yaml", hint: "Regenerate the lockfile with `pnpm install`." },
  );
}
