import { taskRuntimeEnv } from "@turbine/hasher";
import { buildGlobalHashable, taskHashableEnv } from "@turbine/hasher/internal";
import { cleanEnv, runTurbo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

// What a task process receives in strict mode, compared with a real `turbo run`.
const create = useTempRepos();

const probes: Record<string, string> = {
  XDG_DATA_HOME: "1",
  XDG_RUNTIME_DIR: "1",
  TMPDIR: "1",
  TURBO_PROBE: "1",
  NIX_PROBE: "1",
  __NIXOS_PROBE: "1",
  COMSPEC: "1",
  PATHEXT: "1",
  LOCALAPPDATA: "1",
  COREPACK_HOME: "1",
  pnpm_config_verify_deps_before_run: "1",
  VERCEL_URL: "1",
  GITHUB_SHA: "1",
  DOCKER_HOST: "1",
  RANDOM_VAR: "1",
  OWN: "1",
  PT_A: "1",
  PT_NO: "1",
  GPT_X: "1",
  GLOBAL_ONE: "1",
  GLOBAL_SKIP: "1",
};

describe("strict-mode runtime env matches turbo", () => {
  it("passes exactly the built-ins, global and task env, and pass-through matches", async () => {
    const dump = "node -e \"require('fs').writeFileSync('env.json', JSON.stringify(process.env))\"";
    const turbo = {
      globalEnv: ["GLOBAL_*", "!GLOBAL_SKIP"],
      globalPassThroughEnv: ["GPT_*"],
      tasks: { build: { env: ["OWN"], passThroughEnv: ["PT_*", "!PT_NO"], cache: false } },
    };
    const repo = await create({ packages: [{ name: "a", scripts: { build: dump } }], turbo });
    const run = await runTurbo(repo.root, ["run", "build"], { env: probes });
    expect(run.code).toBe(0);
    const seen = JSON.parse(await repo.read("packages/a/env.json")) as Record<string, string>;

    const env = new Map(Object.entries(cleanEnv(probes) as Record<string, string>));
    const global = buildGlobalHashable({
      globalFiles: new Map(),
      rootExternalDepsHash: null,
      rootInternalDepsHash: null,
      globalEnv: turbo.globalEnv,
      globalPassThroughEnv: turbo.globalPassThroughEnv,
      envMode: "strict",
      frameworkInference: true,
      engines: undefined,
      env,
    });
    const ours = taskRuntimeEnv(env, {
      envMode: "strict",
      globalHashedEnv: global.env.all,
      globalPassThroughEnv: turbo.globalPassThroughEnv,
      taskPassThroughEnv: turbo.tasks.build.passThroughEnv,
      taskHashedEnv: taskHashableEnv(env, {
        taskEnv: turbo.tasks.build.env,
        globalEnv: turbo.globalEnv,
        framework: undefined,
      }).all,
    });
    const received = Object.keys(probes).filter((k) => k in seen);
    const predicted = Object.keys(probes).filter((k) => ours.has(k));
    expect(predicted).toEqual(received);
    expect(received).toContain("TURBO_PROBE");
    expect(received).not.toContain("RANDOM_VAR");
  });
});
