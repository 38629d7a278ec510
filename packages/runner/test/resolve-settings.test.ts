import { resolveSettings } from "@turbine/runner/internal";
import type { RootTurboJson } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const turboJson = (over: Partial<RootTurboJson> = {}): RootTurboJson =>
  ({ envMode: undefined, concurrency: undefined, cacheDir: undefined, ...over }) as RootTurboJson;

describe("resolveSettings", () => {
  it("uses turbo's defaults", () => {
    expect(resolveSettings({ cwd: "/r", tasks: [] }, "/r", turboJson(), {})).toEqual({
      envMode: "strict",
      concurrency: 10,
      cacheDir: "/r/.turbo/cache",
      frameworkInference: true,
      summarize: false,
      affected: undefined,
      execution: "package-manager",
    });
  });

  it("takes --execution over TURBINE_EXECUTION and refuses an unknown mode", () => {
    const env = { TURBINE_EXECUTION: "direct" };
    expect(resolveSettings({ cwd: "/r", tasks: [] }, "/r", turboJson(), env).execution).toBe(
      "direct",
    );
    const flag = { cwd: "/r", tasks: [], execution: "package-manager" as const };
    expect(resolveSettings(flag, "/r", turboJson(), env).execution).toBe("package-manager");
    expect(() =>
      resolveSettings({ cwd: "/r", tasks: [] }, "/r", turboJson(), { TURBINE_EXECUTION: "npm" }),
    ).toThrow(/TURBINE_EXECUTION must be direct or package-manager \(got "npm"\)/);
  });

  it("prefers a flag over TURBO_* over turbo.json", () => {
    const json = turboJson({ envMode: "strict", concurrency: "3", cacheDir: "from-json" });
    const env = {
      TURBO_ENV_MODE: "loose",
      TURBO_CONCURRENCY: "5",
      TURBO_CACHE_DIR: "/abs/env",
      TURBO_RUN_SUMMARY: "true",
    };
    expect(resolveSettings({ cwd: "/r", tasks: [] }, "/r", json, {})).toMatchObject({
      envMode: "strict",
      concurrency: 3,
      cacheDir: "/r/from-json",
    });
    expect(resolveSettings({ cwd: "/r", tasks: [] }, "/r", json, env)).toMatchObject({
      envMode: "loose",
      concurrency: 5,
      cacheDir: "/abs/env",
      summarize: true,
    });
    const flags = {
      cwd: "/r",
      tasks: [],
      envMode: "strict" as const,
      concurrency: "7",
      cacheDir: "c",
      summarize: false,
    };
    expect(resolveSettings(flags, "/r", json, env)).toMatchObject({
      envMode: "strict",
      concurrency: 7,
      cacheDir: "/r/c",
      summarize: false,
    });
  });

  it("reads --affected's range from TURBO_SCM_BASE and TURBO_SCM_HEAD", () => {
    const options = { cwd: "/r", tasks: [], affected: true };
    expect(resolveSettings(options, "/r", turboJson(), {}).affected).toEqual({
      from: "main",
      to: undefined,
    });
    expect(
      resolveSettings(options, "/r", turboJson(), { TURBO_SCM_BASE: "v1", TURBO_SCM_HEAD: "v2" })
        .affected,
    ).toEqual({
      from: "v1",
      to: "v2",
    });
  });

  it("rejects a bad TURBO_ENV_MODE and a bad concurrency", () => {
    expect(() =>
      resolveSettings({ cwd: "/r", tasks: [] }, "/r", turboJson(), { TURBO_ENV_MODE: "lax" }),
    ).toThrow(/TURBO_ENV_MODE/);
    expect(() =>
      resolveSettings({ cwd: "/r", tasks: [], concurrency: "0" }, "/r", turboJson(), {}),
    ).toThrow(expect.objectContaining({ code: "ERR_RUNNER_INVALID_CONCURRENCY" }));
  });

  it("turns a percentage into a share of the CPUs, at least one", () => {
    const { concurrency } = resolveSettings(
      { cwd: "/r", tasks: [], concurrency: "1%" },
      "/r",
      turboJson(),
      {},
    );
    expect(concurrency).toBe(1);
  });
});
