import { topologicalOrder } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const node = (id: string, ...dependencies: string[]) => ({ id, dependencies });

describe("topologicalOrder", () => {
  it("puts dependencies first, the byte-smallest ready id first, and ignores unknown ids", () => {
    const graph = [node("web", "ui", "outside"), node("ui", "b"), node("b"), node("a")];
    expect(topologicalOrder(graph)).toEqual({ order: ["a", "b", "ui", "web"], blocked: [] });
  });

  it("blocks the ids on a cycle and those waiting on one, in input order", () => {
    const graph = [node("app", "x"), node("x", "y"), node("y", "x"), node("free")];
    expect(topologicalOrder(graph)).toEqual({ order: ["free"], blocked: ["app", "x", "y"] });
  });

  it("counts a self-dependency as a cycle", () => {
    expect(topologicalOrder([node("a", "a"), node("b")])).toEqual({
      order: ["b"],
      blocked: ["a"],
    });
  });
});
