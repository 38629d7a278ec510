import { runTurbo, type TempRepo, turboErrorText, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// An error keeps the code of the package that raised it all the way to the CLI: the runner does
// not re-wrap the cache settings' or the remote-cache configuration's errors under a code of its own.

const create = useTempRepos();

async function npmRepo(): Promise<TempRepo> {
  return create({
    packages: [{ name: "a", scripts: { build: "echo a" } }],
    turbo: { tasks: { build: {} } },
  });
}

/** The `  code: …` line turbine prints under a fatal error. */
function codeLine(stderr: string): string | undefined {
  return /^ {2}code: (\S+)$/m.exec(stderr)?.[1];
}

describe("error codes reaching the CLI", () => {
  it("a malformed --cache keeps its own code, ERR_CACHE_CONFIG_INVALID", async () => {
    const repo = await npmRepo();
    const args = ["run", "build", "--cache=bogus"];
    const theirs = await runTurbo(repo.root, args);
    const ours = await runTurbine(repo.root, args);
    const message = "Invalid cache type and action pair. Found `bogus`, but expected colon";
    expect(turboErrorText(theirs.stderr)).toContain(message);
    expect(ours.stderr).toContain(`  x ${message}`);
    expect(codeLine(ours.stderr)).toBe("ERR_CACHE_CONFIG_INVALID");
    expect(ours.code).toBe(theirs.code);
  });

  it("an invalid TURBO_REMOTE_CACHE_TIMEOUT keeps ERR_REMOTE_CACHE_CONFIG_INVALID", async () => {
    const repo = await npmRepo();
    const env = { TURBO_REMOTE_CACHE_TIMEOUT: "abc" };
    const theirs = await runTurbo(repo.root, ["run", "build"], { env });
    const ours = await runTurbine(repo.root, ["run", "build"], env);
    const message = "TURBO_REMOTE_CACHE_TIMEOUT: Error parsing timeout.";
    expect(theirs.stderr).toContain(message);
    expect(ours.stderr).toContain(`  x ${message}`);
    expect(ours.stderr).toContain("help: Set TURBO_REMOTE_CACHE_TIMEOUT to a whole number");
    expect(codeLine(ours.stderr)).toBe("ERR_REMOTE_CACHE_CONFIG_INVALID");
    expect(ours.code).toBe(theirs.code);
  });
});
