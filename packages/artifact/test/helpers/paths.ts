import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = "/work/shared/spec/fixtures";
export const ARTIFACTS = path.join(FIXTURES, "artifacts");
export const CRAFTED = path.join(FIXTURES, "crafted");
export const REAL_HASHES = ["aabe90dc3b32242a", "9d88e7bf23c1a1ef", "07a5e6672c3e6bf0"] as const;
export const TURBO_BIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../node_modules/.bin/turbo",
);
