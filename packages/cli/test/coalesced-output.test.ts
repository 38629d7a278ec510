import { setImmediate as nextTurn } from "node:timers/promises";

import { main } from "@turbine/cli";
import { CoalescedOutput } from "@turbine/cli/internal";
import { TURBINE_VERSION } from "@turbine/runner";
import { describe, expect, it } from "vitest";

/** Two fake streams that log every write as `[stream, text]`, in one shared order. */
function streams(): {
  log: [string, string][];
  out: { write(t: string): boolean };
  err: { write(t: string): boolean };
} {
  const log: [string, string][] = [];
  return {
    log,
    out: { write: (text) => log.push(["out", text]) > 0 },
    err: { write: (text) => log.push(["err", text]) > 0 },
  };
}

describe("CoalescedOutput", () => {
  it("writes one turn's text at the end of the turn, one write per stream switch, in order", async () => {
    const { log, out, err } = streams();
    const output = new CoalescedOutput(out, err);
    output.stdout.write("a\n");
    output.stdout.write("b\n");
    output.stderr.write("warn\n");
    output.stdout.write("c\n");
    expect(log).toEqual([]);
    await nextTurn();
    expect(log).toEqual([
      ["out", "a\nb\n"],
      ["err", "warn\n"],
      ["out", "c\n"],
    ]);
  });

  it("writes everything pending on flush, and large output without waiting for the turn", () => {
    const { log, out, err } = streams();
    const output = new CoalescedOutput(out, err);
    output.stdout.write("x".repeat(70_000));
    expect(log).toHaveLength(1);
    output.stderr.write("late\n");
    output.flush();
    expect(log.map(([stream]) => stream)).toEqual(["out", "err"]);
  });

  it("drained() writes what is pending and waits until a stream past its high-water mark drains", async () => {
    const { EventEmitter } = await import("node:events");
    const slow = Object.assign(new EventEmitter(), {
      written: [] as string[],
      writableNeedDrain: true,
      write(text: string) {
        this.written.push(text);
        return false;
      },
    });
    const output = new CoalescedOutput(slow, { write: () => true });
    output.stdout.write("line\n");
    let done = false;
    const waiting = output.drained().then(() => {
      done = true;
    });
    await nextTurn();
    expect(slow.written).toEqual(["line\n"]);
    expect(done).toBe(false);
    slow.writableNeedDrain = false;
    slow.emit("drain");
    await waiting;
    expect(done).toBe(true);
  });

  it("keeps isTTY of the streams it wraps", () => {
    const output = new CoalescedOutput({ write: () => true, isTTY: true }, { write: () => true });
    expect(output.stdout.isTTY).toBe(true);
    expect(output.stderr.isTTY).toBeUndefined();
  });
});

describe("--version", () => {
  it("prints the runner's version, so --version and the run banner agree", async () => {
    let stdout = "";
    const { exitCode } = await main(["--version"], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: {},
      cwd: process.cwd(),
    });
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toBe(TURBINE_VERSION);
  });
});
