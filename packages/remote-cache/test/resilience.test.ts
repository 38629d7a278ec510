import {
  detectCiVendor,
  isCi,
  isRetryableStatus,
  maskToken,
  OutageBreaker,
  redactSecrets,
  retryDelayMs,
  shouldRetry,
  withRetry,
} from "@turbine/remote-cache/internal";
import { describe, expect, it } from "vitest";

describe("retry policy", () => {
  it("retries 429 and 5xx except 501", () => {
    expect([429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 412, 501].some(isRetryableStatus)).toBe(false);
  });

  it("retries timeouts for reads and connect errors for uploads", () => {
    expect(shouldRetry("timeout", { kind: "failure", failure: "timeout" })).toBe(true);
    expect(shouldRetry("timeout", { kind: "failure", failure: "connect" })).toBe(false);
    expect(shouldRetry("connection", { kind: "failure", failure: "connect" })).toBe(true);
    expect(shouldRetry("connection", { kind: "failure", failure: "timeout" })).toBe(false);
  });

  it("sleeps clamp(2^n, 2, 10) seconds", () => {
    expect([0, 1, 2, 3, 4].map(retryDelayMs)).toEqual([2000, 2000, 4000, 8000, 10000]);
  });

  it("makes two attempts in total with one sleep between them", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const { value, attempts } = await withRetry(() => Promise.resolve(++calls), {
      strategy: "timeout",
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      classify: () => ({ kind: "response", status: 503 }),
    });
    expect([value, attempts, sleeps]).toEqual([2, 2, [2000]]);
  });
});

describe("outage breaker", () => {
  const make = () => {
    let now = 0;
    const breaker = new OutageBreaker({ now: () => now });
    return { breaker, advance: (ms: number) => (now += ms) };
  };
  const fail = (breaker: OutageBreaker) => breaker.enter()?.finish("outage");

  it("opens after three consecutive outages and warns once", () => {
    const { breaker } = make();
    expect([fail(breaker), fail(breaker), fail(breaker)]).toEqual([false, false, true]);
    expect(breaker.enter()).toBeUndefined();
  });

  it("resets the count on a success or a non-outage failure", () => {
    const { breaker } = make();
    fail(breaker);
    fail(breaker);
    breaker.enter()?.finish("other-failure");
    fail(breaker);
    fail(breaker);
    expect(breaker.enter()).toBeDefined();
  });

  it("lets exactly one probe through after the cooldown and reopens when it fails", () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) fail(breaker);
    advance(29_999);
    expect(breaker.enter()).toBeUndefined();
    advance(1);
    const probe = breaker.enter();
    expect(probe?.probe).toBe(true);
    expect(breaker.enter()).toBeUndefined();
    expect(probe?.finish("outage")).toBe(false);
    expect(breaker.enter()).toBeUndefined();
    advance(30_000);
    breaker.enter()?.finish("success");
    expect(breaker.enter()?.probe).toBe(false);
  });

  it("ignores a stale call that finishes after the breaker opened", () => {
    const { breaker } = make();
    const stale = breaker.enter();
    for (let i = 0; i < 3; i++) fail(breaker);
    stale?.finish("success");
    expect(breaker.enter()).toBeUndefined();
  });
});

describe("CI vendor detection (turborepo-ci vendors.rs)", () => {
  it.each([
    [{ GITHUB_ACTIONS: "true" }, "GITHUB_ACTIONS"],
    [{ GITLAB_CI: "true" }, "GITLAB"],
    [{ CIRCLECI: "true" }, "CIRCLE"],
    [{ TRAVIS: "true" }, "TRAVIS"],
    [{ BUILDKITE: "true" }, "BUILDKITE"],
    [{ JENKINS_URL: "http://j", BUILD_ID: "1" }, "JENKINS"],
    [{ VERCEL: "1" }, "VERCEL"],
    [{ SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: "https://dev.azure.com/x" }, "AZURE_PIPELINES"],
    [{ BITBUCKET_COMMIT: "abc" }, "BITBUCKET"],
    [{ CODEBUILD_BUILD_ARN: "arn" }, "CODEBUILD"],
    [{ CI_NAME: "codeship" }, "CODESHIP"],
    [{ CI: "woodpecker" }, "WOODPECKER"],
  ])("detects %o as %s", (env, constant) => {
    expect(detectCiVendor(env)?.constant).toBe(constant);
  });

  it("needs every variable of an all-of rule and ignores empty values", () => {
    expect(detectCiVendor({ BUILD_ID: "1" })).toBeUndefined();
    expect(detectCiVendor({ GITHUB_ACTIONS: "" })).toBeUndefined();
  });

  it("knows CI from the generic markers", () => {
    expect(isCi({ CI: "true" })).toBe(true);
    expect(isCi({ CI: "" })).toBe(false);
  });
});

describe("secret redaction", () => {
  it("masks tokens and strips URL credentials", () => {
    expect(maskToken("abcdef123")).toBe("abcd[hidden]");
    expect(maskToken("abc")).toBe("[hidden]");
    expect(redactSecrets("GET http://user:pw@h/x Bearer abcdef123", "abcdef123")).toBe(
      "GET http://h/x Bearer abcd[hidden]",
    );
  });
});
