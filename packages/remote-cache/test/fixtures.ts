import { readFileSync } from "node:fs";
import path from "node:path";

/** The read-only fixtures captured from turbo 2.11.13 (see /work/shared/spec/fixtures/README.md). */
export const FIXTURES = "/work/shared/spec/fixtures";

export const fixture = (rel: string): Buffer => readFileSync(path.join(FIXTURES, rel));

/** Signing key and team id of every real artifact fixture. */
export const FIXTURE_KEY = "turbo-signature-test-key-0123456789";
export const FIXTURE_TEAM = "team_abc123";

export interface ConfirmedVector {
  readonly key: string;
  readonly hash: string;
  readonly teamId: string;
  readonly bodyFile: string;
  readonly tag: string;
  readonly how: string;
}

export interface SyntheticVector {
  readonly key: string;
  readonly hash: string;
  readonly teamId: string;
  readonly bodyHex: string;
  readonly messageHex: string;
  readonly tag: string;
  readonly legacyV1Tag: string;
}

export const confirmedVectors = (): ConfirmedVector[] =>
  JSON.parse(fixture("confirmed-vectors.json").toString("utf8")) as ConfirmedVector[];

export const syntheticVectors = (): SyntheticVector[] =>
  fixture("signature-vectors.jsonl")
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SyntheticVector);
