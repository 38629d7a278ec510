import { describeError, isTurbineError, TurbineError, unreachable } from "@turbine/errors";
import { describe, expect, it } from "vitest";

type DemoCode = "ERR_DEMO_ONE" | "ERR_DEMO_TWO";

class DemoError extends TurbineError<DemoCode> {
  override readonly name = "DemoError";
}

describe("TurbineError", () => {
  it("keeps code, hint, cause and the subclass name", () => {
    const cause = new Error("underlying");
    const error = new DemoError("ERR_DEMO_ONE", "it broke", { hint: "fix it", cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(TurbineError);
    expect(error).toMatchObject({ name: "DemoError", code: "ERR_DEMO_ONE", hint: "fix it" });
    expect(error.message).toBe("it broke");
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe("DemoError: it broke");
  });

  it("has no cause, no hint and no location unless given", () => {
    const error = new DemoError("ERR_DEMO_TWO", "plain");
    expect(error.hint).toBeUndefined();
    expect("cause" in error).toBe(false);
    expect(error.where()).toBeUndefined();
  });

  it("is recognised by isTurbineError, a plain Error with a code is not", () => {
    expect(isTurbineError(new DemoError("ERR_DEMO_ONE", "x"))).toBe(true);
    expect(isTurbineError(Object.assign(new Error("x"), { code: "ERR_DEMO_ONE" }))).toBe(false);
    expect(isTurbineError("ERR_DEMO_ONE")).toBe(false);
  });
});

describe("unreachable", () => {
  it("throws a plain Error naming the value", () => {
    expect(() => unreachable("surprise" as never)).toThrow('unreachable: "surprise"');
  });
});

describe("describeError", () => {
  it("gives an Error's message and any other value's text", () => {
    expect(describeError(new TypeError("bad type"))).toBe("bad type");
    expect(describeError("a string")).toBe("a string");
    expect(describeError(42)).toBe("42");
  });
});
