import { TurbineError } from "@turbine/errors";
import { WorkspaceError } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

describe("WorkspaceError", () => {
  it("is the family's error, with the position the CLI prints", () => {
    const error = new WorkspaceError("ERR_CONFIG_UNKNOWN_KEY", "unknown key", {
      file: "turbo.json",
      keyPath: "tasks.build.outputz",
      line: 1,
      column: 20,
    });
    expect(error).toBeInstanceOf(TurbineError);
    expect(error.where()).toBe("turbo.json:1:20");
    expect(
      new WorkspaceError("ERR_CONFIG_PARSE", "x", { file: "turbo.json", line: 3 }).where(),
    ).toBe("turbo.json:3");
    expect(new WorkspaceError("ERR_LOCKFILE_PARSE", "x", { file: "pnpm-lock.yaml" }).where()).toBe(
      "pnpm-lock.yaml",
    );
    expect(new WorkspaceError("ERR_WORKSPACE_READ", "x").where()).toBeUndefined();
  });
});
