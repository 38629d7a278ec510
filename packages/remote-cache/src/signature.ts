import type * as NodeCrypto from "node:crypto";

/**
 * `x-artifact-tag` as turbo 2.11.13 writes it ("v2", turborepo PR #13059):
 *
 *   msg = u64le(len P) P u64le(len H) H u64le(len T) T u64le(len B) B,  P = "artifact-signature:v2"
 *   tag = base64(HMAC-SHA256(key, msg))
 *
 * H is the artifact hash, T the raw team id ("" when unset; the slug is never signed), B the body.
 * The legacy v1 tag (older clients) is base64(HMAC-SHA256(key, H T B)) and is accepted on reads.
 */
/** turbo wants a signature key of at least this many bytes. */
export const MIN_SIGNATURE_KEY_BYTES = 32;

/** The warning turbo prints for a short key (fatal with `futureFlags.longerSignatureKey`). */
export function shortKeyMessage(bytes: number): string {
  return (
    `TURBO_REMOTE_CACHE_SIGNATURE_KEY is too short (${bytes} bytes). A minimum of 32 bytes is ` +
    "required for cryptographic strength."
  );
}

const PREFIX = Buffer.from("artifact-signature:v2", "ascii");
const TAG_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

export interface ArtifactTagContext {
  /** Raw bytes of `TURBO_REMOTE_CACHE_SIGNATURE_KEY` (a string is taken as UTF-8). May be empty. */
  readonly key: string | Uint8Array;
  /** The artifact hash exactly as it appears in the URL path. */
  readonly hash: string;
  /** `TURBO_TEAMID` / `remoteCache.teamId`, raw; undefined signs as "". */
  readonly teamId?: string | undefined;
}

export type TagScheme = "v2" | "v1";

export type TagVerdict =
  | { readonly valid: true; readonly scheme: TagScheme }
  | { readonly valid: false; readonly reason: "malformed" | "mismatch" };

function lengthPrefix(length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(length));
  return out;
}

function field(value: Uint8Array): Buffer[] {
  return [lengthPrefix(value.length), Buffer.from(value.buffer, value.byteOffset, value.length)];
}

/** The bytes a v2 tag authenticates before the body: every field but B, then u64le(len B). */
export function tagMessageHeader(context: ArtifactTagContext, bodyLength: number): Buffer {
  return Buffer.concat([
    ...field(PREFIX),
    ...field(Buffer.from(context.hash, "utf8")),
    ...field(Buffer.from(context.teamId ?? "", "utf8")),
    lengthPrefix(bodyLength),
  ]);
}

function keyBytes(key: string | Uint8Array): Buffer {
  return typeof key === "string" ? Buffer.from(key, "utf8") : Buffer.from(key);
}

/** An incremental v2 signer: feed the body in chunks, then read the tag. Needs the body length up front. */
export interface ArtifactSigner {
  update(chunk: Uint8Array): void;
  /** The base64 tag. Throws when the bytes fed differ from the announced length (a caller bug). */
  digest(): string;
}

export function createArtifactSigner(
  context: ArtifactTagContext,
  bodyLength: number,
): ArtifactSigner {
  const hmac = crypto()
    .createHmac("sha256", keyBytes(context.key))
    .update(tagMessageHeader(context, bodyLength));
  let fed = 0;
  return {
    update(chunk) {
      fed += chunk.length;
      hmac.update(chunk);
    },
    digest() {
      if (fed !== bodyLength) {
        throw new Error(`artifact signer was told ${bodyLength} bytes but was fed ${fed}`);
      }
      return hmac.digest("base64");
    },
  };
}

/** The v2 tag of a whole body. */
export function signArtifactTag(context: ArtifactTagContext, body: Uint8Array): string {
  const signer = createArtifactSigner(context, body.length);
  signer.update(body);
  return signer.digest();
}

/** The legacy v1 tag: HMAC over hash ‖ teamId ‖ body with no prefix or lengths. */
export function signLegacyArtifactTag(context: ArtifactTagContext, body: Uint8Array): string {
  return legacyHmac(context).update(body).digest("base64");
}

function legacyHmac(context: ArtifactTagContext): ReturnType<typeof NodeCrypto.createHmac> {
  return crypto()
    .createHmac("sha256", keyBytes(context.key))
    .update(Buffer.from(context.hash, "utf8"))
    .update(Buffer.from(context.teamId ?? "", "utf8"));
}

/** Decodes a received tag strictly: 44 base64 characters for 32 bytes, or undefined. */
function decodeTag(tag: string): Buffer | undefined {
  return TAG_PATTERN.test(tag) ? Buffer.from(tag, "base64") : undefined;
}

function sameDigest(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && crypto().timingSafeEqual(expected, received);
}

/**
 * Checks a received tag against the body in constant time, accepting v2 and legacy v1. A
 * malformed tag (not 44 base64 characters) never matches.
 */
export function verifyArtifactTag(
  context: ArtifactTagContext,
  body: Uint8Array,
  tag: string,
): TagVerdict {
  const verifier = createArtifactVerifier(context, body.length);
  verifier.update(body);
  return verifier.verify(tag);
}

/** An incremental verifier for v2 and legacy v1 at once. */
export interface ArtifactVerifier {
  update(chunk: Uint8Array): void;
  verify(tag: string): TagVerdict;
}

/**
 * Verifies as the body streams. `bodyLength` must be the exact body length, because v2 puts it
 * before the body; a body of unknown length is verified once it is complete. `schemes` limits the
 * work to the tags worth computing (each is one HMAC over the whole body); a scheme left out never
 * matches.
 */
export function createArtifactVerifier(
  context: ArtifactTagContext,
  bodyLength: number,
  schemes: readonly TagScheme[] = ["v2", "v1"],
): ArtifactVerifier {
  const v2 = schemes.includes("v2")
    ? crypto()
        .createHmac("sha256", keyBytes(context.key))
        .update(tagMessageHeader(context, bodyLength))
    : undefined;
  const v1 = schemes.includes("v1") ? legacyHmac(context) : undefined;
  let fed = 0;
  return {
    update(chunk) {
      fed += chunk.length;
      v2?.update(chunk);
      v1?.update(chunk);
    },
    verify(tag) {
      const received = decodeTag(tag);
      if (received === undefined) return { valid: false, reason: "malformed" };
      const v2Ok = v2 !== undefined && fed === bodyLength && sameDigest(v2.digest(), received);
      const v1Ok = v1 !== undefined && sameDigest(v1.digest(), received);
      if (v2Ok) return { valid: true, scheme: "v2" };
      if (v1Ok) return { valid: true, scheme: "v1" };
      return { valid: false, reason: "mismatch" };
    },
  };
}

/** node:crypto, loaded on first use: a run without remote caching never signs anything. */
function crypto(): typeof NodeCrypto {
  return process.getBuiltinModule("node:crypto");
}
