import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { TURBINE_VERSION } from "@turbine/errors";
import { describe, expect, it } from "vitest";

describe("TURBINE_VERSION", () => {
  it("is the version of every package (they are released together)", async () => {
    const packagesDir = path.resolve(import.meta.dirname, "../..");
    const names = await readdir(packagesDir);
    const versions = await Promise.all(
      names.map(async (name) => {
        const text = await readFile(path.join(packagesDir, name, "package.json"), "utf8");
        return [name, (JSON.parse(text) as { version: string }).version] as const;
      }),
    );
    expect(versions.length).toBeGreaterThan(5);
    for (const [name, version] of versions)
      expect({ name, version }).toEqual({ name, version: TURBINE_VERSION });
  });
});
