import { WorkspaceError } from "../errors.js";

/** A berry descriptor (`name@range`) or locator (`name@reference`): same shape, different meaning. */
export interface Descriptor {
  readonly ident: string;
  readonly range: string;
}

const DESCRIPTOR = /^((?:@[^/]+?\/)?[^@/]+?)@(.+)$/;
const IDENT = /^(?:@[^/]+?\/)?[^@/]+$/;
const PATCH_REF = /patch:(.+)#(?:\.\/)?([^:]+)(?:::)?.*$/;
/**
 * turbo's `tag_regex` (`^[^v][a-z0-9._-]*$`, case-sensitive): any first character but `v`, so
 * ranges such as `^6.0.0` or `~1.2.3` count as tags and get the default protocol too.
 */
const TAG = /^[^v][a-z0-9._-]*$/u;
/** What Rust's `semver::Version::parse` accepts: strict SemVer 2.0, no `v` or `=` prefix. */
const EXACT_VERSION =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*))*)?(?:\+[\dA-Za-z-]+(?:\.[\dA-Za-z-]+)*)?$/;

export function parseDescriptor(text: string): Descriptor {
  const match = DESCRIPTOR.exec(text);
  if (match === null) throw invalid(text);
  return { ident: match[1] ?? "", range: match[2] ?? "" };
}

export function descriptor(ident: string, range: string): Descriptor {
  if (!IDENT.test(ident)) throw invalid(ident);
  return { ident, range };
}

export function formatDescriptor(d: Descriptor): string {
  return `${d.ident}@${d.range}`;
}

/** The protocol of a range (`npm` for `npm:^1.0.0`), undefined when it has none. */
export function protocolOf(range: string): string | undefined {
  const colon = range.indexOf(":");
  return colon === -1 ? undefined : range.slice(0, colon);
}

export function stripProtocol(range: string): string {
  const colon = range.indexOf(":");
  return colon === -1 ? range : range.slice(colon + 1);
}

/** `patch:lodash@npm%3A4.17.21#./x.patch::...` -> the patched locator `lodash@npm:4.17.21`. */
export function locatorFromPatchReference(reference: string): Descriptor | undefined {
  const match = PATCH_REF.exec(reference);
  if (match?.[1] === undefined) return undefined;
  const inner = DESCRIPTOR.exec(match[1]);
  if (inner === null) return undefined;
  let decoded = (inner[2] ?? "").replaceAll("npm%3A", "npm:");
  if (!decoded.startsWith("npm:")) decoded = `npm:${decoded}`;
  return { ident: inner[1] ?? "", range: decoded };
}

/** An exact version or what turbo takes for a dist-tag: completed with the default `npm:`. */
export function needsDefaultProtocol(range: string): boolean {
  return EXACT_VERSION.test(range) || TAG.test(range);
}

/** Whether `reference` equals `incomplete` once the default protocol is added to the latter. */
export function eqWithProtocol(reference: string, incomplete: string, protocol: string): boolean {
  if (!needsDefaultProtocol(incomplete)) return reference === incomplete;
  return reference.startsWith(protocol) && reference.slice(protocol.length) === incomplete;
}

function invalid(text: string): WorkspaceError {
  return new WorkspaceError(
    "ERR_LOCKFILE_INVALID_ENTRY",
    `yarn.lock: "${text}" is not a valid descriptor`,
    {
      file: "yarn.lock",
      hint: "Regenerate the lockfile with `yarn install`.",
    },
  );
}
