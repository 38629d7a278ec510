import type { SchedulableTask, TaskDurations } from "@turbine/runner/internal";
import { criticalPathLengths, schedule } from "@turbine/runner/internal";
import { describe, expect, it } from "vitest";

/** A deep chain `c1 -> c2 -> c3` (c3 last) beside independent quick tasks listed first. */
const graph: SchedulableTask[] = [
  { id: "q1", dependencies: [] },
  { id: "q2", dependencies: [] },
  { id: "q3", dependencies: [] },
  { id: "c1", dependencies: [] },
  { id: "c2", dependencies: ["c1"] },
  { id: "c3", dependencies: ["c2"] },
];

function durations(ms: Record<string, number>): TaskDurations {
  return { lastDurationMs: (id) => ms[id] };
}

describe("criticalPathLengths", () => {
  it("ranks by graph depth when no duration is known", () => {
    const lengths = criticalPathLengths(graph, undefined);
    expect(Object.fromEntries(lengths)).toEqual({ q1: 1, q2: 1, q3: 1, c1: 3, c2: 2, c3: 1 });
  });

  it("weighs each task by its last duration and the unknown ones by the median", () => {
    const lengths = criticalPathLengths(graph, durations({ q1: 500, q2: 10, c1: 40, c3: 30 }));
    // known: 10, 30, 40, 500 -> median 35 for q3 and c2.
    expect(lengths.get("q1")).toBe(500);
    expect(lengths.get("q3")).toBe(35);
    expect(lengths.get("c1")).toBe(40 + 35 + 30);
  });

  it("gives tasks without a script no weight", () => {
    const lengths = criticalPathLengths(graph, undefined, (id) => id === "c2");
    expect(lengths.get("c1")).toBe(2);
  });

  it("walks a chain far deeper than the call stack", () => {
    const chain: SchedulableTask[] = Array.from({ length: 50_000 }, (_, i) => ({
      id: `t${i}`,
      dependencies: i === 0 ? [] : [`t${i - 1}`],
    }));
    expect(criticalPathLengths(chain, undefined).get("t0")).toBe(50_000);
  });
});

describe("schedule with priorities", () => {
  async function startOrder(priority?: (id: string) => number): Promise<string[]> {
    const started: string[] = [];
    await schedule({
      tasks: graph,
      concurrency: 1,
      continueMode: "never",
      ...(priority === undefined ? {} : { priority }),
      execute: async (id) => {
        started.push(id);
        await new Promise((done) => setTimeout(done, 5));
        return { status: "success", reason: "executed", durationMs: 5 };
      },
    });
    return started;
  }

  it("starts the ready task with the longest remaining path first when slots are scarce", async () => {
    const lengths = criticalPathLengths(graph, undefined);
    const order = await startOrder((id) => lengths.get(id) ?? 0);
    // c3 then ties with the quick tasks (one step left each) and waits its turn.
    expect(order.slice(0, 2)).toEqual(["c1", "c2"]);
  });

  it("starts tasks in the order they became ready without priorities", async () => {
    expect(await startOrder()).toEqual(["q1", "q2", "q3", "c1", "c2", "c3"]);
  });
});
