import { StatusLine } from "@turbine/cli/internal";
import { describe, expect, it } from "vitest";

describe("StatusLine", () => {
  it("counts running, done and cached tasks and erases itself before other output", () => {
    let screen = "";
    const line = new StatusLine((text) => {
      screen += text;
    });
    line.track({
      type: "task-status",
      taskId: "a#build",
      package: "a",
      task: "build",
      hash: "h",
      status: { kind: "miss" },
      outputLogs: "full",
    });
    line.track({
      type: "task-status",
      taskId: "b#build",
      package: "b",
      task: "build",
      hash: "h",
      status: { kind: "hit", source: "LOCAL", timeSavedMs: 1 },
      outputLogs: "full",
    });
    line.track({
      type: "task-end",
      taskId: "b#build",
      result: { status: "success", reason: "cached", durationMs: 0 },
    });
    line.draw();
    expect(screen).toBe("\u001b[2mrunning 1 \u00b7 done 1 (1 cached)\u001b[22m");
    screen = "";
    line.clear();
    line.clear();
    expect(screen).toBe("\r\u001b[2K");
  });
});
