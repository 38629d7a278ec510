import {
  type Descriptor,
  eqWithProtocol,
  locatorFromPatchReference,
  needsDefaultProtocol,
  protocolOf,
} from "./berry-identifiers.js";

/** One `resolutions` key of the root package.json: `[from[@desc]/]name[@desc]`. */
export interface Resolution {
  readonly from: Specifier | undefined;
  readonly target: Specifier;
  readonly reference: string;
}

interface Specifier {
  readonly ident: string;
  readonly description: string | undefined;
}

/** Parses a resolutions entry; undefined for a key this subset does not understand. */
export function parseResolution(key: string, reference: string): Resolution | undefined {
  const first = readSpecifier(key, 0);
  if (first === undefined) return undefined;
  if (first.end === key.length) return { from: undefined, target: first.spec, reference };
  if (key[first.end] !== "/") return undefined;
  const second = readSpecifier(key, first.end + 1);
  if (second?.end !== key.length) return undefined;
  return { from: first.spec, target: second.spec, reference };
}

function readSpecifier(text: string, start: number): { spec: Specifier; end: number } | undefined {
  let i = start;
  if (text[i] === "@") {
    const slash = text.indexOf("/", i);
    if (slash === -1) return undefined;
    i = slash + 1;
  }
  while (i < text.length && text[i] !== "@" && text[i] !== "/") i++;
  const ident = text.slice(start, i);
  if (ident === "" || ident.endsWith("/")) return undefined;
  if (text[i] !== "@") return { spec: { ident, description: undefined }, end: i };
  let end = i + 1;
  while (end < text.length && text[end] !== "/") end++;
  return { spec: { ident, description: text.slice(i + 1, end) }, end };
}

/**
 * turbo's `reduce_dependency`: the overridden descriptor when this resolution applies to
 * `dependency` as depended on by `parent`, else undefined. Patch references resolve to the
 * package they patch.
 */
export function reduceDependency(
  resolution: Resolution,
  dependency: Descriptor,
  parent: Descriptor,
): Descriptor | undefined {
  const { from, target, reference } = resolution;
  if (from !== undefined) {
    if (from.ident !== parent.ident) return undefined;
    if (from.description !== undefined && !eqWithProtocol(parent.range, from.description, "npm:")) {
      return undefined;
    }
  }
  if (target.ident !== dependency.ident) return undefined;
  const wanted = target.description;
  if (
    wanted !== undefined &&
    wanted !== dependency.range &&
    !eqWithProtocol(dependency.range, wanted, "npm:")
  ) {
    return undefined;
  }
  const range = needsDefaultProtocol(reference) ? `npm:${reference}` : reference;
  if (protocolOf(range) === "patch") return locatorFromPatchReference(reference);
  return { ident: dependency.ident, range };
}
