import {
  createArtifactSigner,
  createArtifactVerifier,
  signArtifactTag,
  signLegacyArtifactTag,
  tagMessageHeader,
  verifyArtifactTag,
} from "@turbine/remote-cache/internal";
import { describe, expect, it } from "vitest";

import { confirmedVectors, fixture, syntheticVectors } from "./fixtures.js";

describe("x-artifact-tag v2 against turbo 2.11.13", () => {
  for (const v of confirmedVectors()) {
    it(`reproduces the tag turbo produced for ${v.hash} (${v.how})`, () => {
      const body = fixture(v.bodyFile);
      expect(signArtifactTag({ key: v.key, hash: v.hash, teamId: v.teamId }, body)).toBe(v.tag);
      expect(
        verifyArtifactTag({ key: v.key, hash: v.hash, teamId: v.teamId }, body, v.tag),
      ).toEqual({
        valid: true,
        scheme: "v2",
      });
    });
  }

  it("matches the uploaded .tag files beside the real artifacts", () => {
    for (const hash of ["aabe90dc3b32242a", "9d88e7bf23c1a1ef", "07a5e6672c3e6bf0"]) {
      const tag = fixture(`artifacts/${hash}.tag`).toString("utf8").trim();
      const body = fixture(`artifacts/${hash}.tar.zst`);
      const context = { key: "turbo-signature-test-key-0123456789", hash, teamId: "team_abc123" };
      expect(signArtifactTag(context, body)).toBe(tag);
    }
  });
});

describe("synthetic vectors with the exact MAC message", () => {
  for (const v of syntheticVectors()) {
    const context = { key: v.key, hash: v.hash, teamId: v.teamId };
    const body = Buffer.from(v.bodyHex, "hex");
    it(`builds the message bytes and tag for key=${JSON.stringify(v.key)} hash=${v.hash}`, () => {
      const message = Buffer.concat([tagMessageHeader(context, body.length), body]);
      expect(message.toString("hex")).toBe(v.messageHex);
      expect(signArtifactTag(context, body)).toBe(v.tag);
      expect(signLegacyArtifactTag(context, body)).toBe(v.legacyV1Tag);
    });
    it(`accepts the legacy v1 tag for hash=${v.hash} as v1`, () => {
      expect(verifyArtifactTag(context, body, v.legacyV1Tag)).toEqual({
        valid: true,
        scheme: "v1",
      });
    });
  }
});

describe("incremental signing and verification", () => {
  const v = confirmedVectors()[0];
  if (v === undefined) throw new Error("no confirmed vectors");
  const body = fixture(v.bodyFile);
  const context = { key: v.key, hash: v.hash, teamId: v.teamId };

  it("gives the same tag however the body is chunked", () => {
    for (const size of [1, 7, 64, body.length]) {
      const signer = createArtifactSigner(context, body.length);
      for (let at = 0; at < body.length; at += size) signer.update(body.subarray(at, at + size));
      expect(signer.digest()).toBe(v.tag);
    }
  });

  it("refuses to digest when fed fewer bytes than announced", () => {
    const signer = createArtifactSigner(context, body.length);
    signer.update(body.subarray(1));
    expect(() => signer.digest()).toThrow(/was fed/);
  });

  it("rejects a body with one flipped byte", () => {
    const flipped = Buffer.from(body);
    flipped[100] = (flipped[100] ?? 0) ^ 1;
    expect(verifyArtifactTag(context, flipped, v.tag)).toEqual({
      valid: false,
      reason: "mismatch",
    });
  });

  it("rejects a tag signed for another team id", () => {
    const other = signArtifactTag({ ...context, teamId: "team_abc1234" }, body);
    expect(verifyArtifactTag(context, body, other).valid).toBe(false);
  });

  it("rejects malformed tags without comparing", () => {
    for (const tag of [
      "",
      "not base64!",
      v.tag.slice(0, 43),
      `${v.tag}=`,
      v.tag.replace("=", "A"),
    ]) {
      expect(verifyArtifactTag(context, body, tag)).toEqual({ valid: false, reason: "malformed" });
    }
  });

  it("verifies streamed chunks", () => {
    const verifier = createArtifactVerifier(context, body.length);
    for (let at = 0; at < body.length; at += 100) verifier.update(body.subarray(at, at + 100));
    expect(verifier.verify(v.tag)).toEqual({ valid: true, scheme: "v2" });
  });
});
