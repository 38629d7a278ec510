import { difference, type EnvMap, fromWildcards, union, wildcardMaps } from "./env-wildcards.js";
import { type Framework, frameworkEnvWildcards } from "./frameworks.js";

/**
 * turbo's `DetailedMap`: `all` is hashed; `explicit` (the user's own patterns) and `matching`
 * (inferred by defaults or a framework) are what the dry run and summary display.
 */
export interface DetailedEnv {
  readonly all: Map<string, string>;
  readonly explicit: Map<string, string>;
  readonly matching: Map<string, string>;
}

/** Always considered by the global hash when set. */
export const DEFAULT_GLOBAL_ENV_VARS: readonly string[] = [
  "VERCEL_ANALYTICS_ID",
  "VERCEL_TARGET_ENV",
];

/** `get_global_hashable_env_vars`: `globalEnv` plus the defaults, minus `!` exclusions. */
export function globalHashableEnv(env: EnvMap, globalEnv: readonly string[]): DetailedEnv {
  const defaults = fromWildcards(env, DEFAULT_GLOBAL_ENV_VARS);
  const user = wildcardMaps(env, globalEnv);
  const all = difference(union(union(new Map(), user.inclusions), defaults), user.exclusions);
  const explicit = difference(new Map(user.inclusions), user.exclusions);
  const matching = difference(new Map(defaults), explicit);
  return { all, explicit, matching };
}

export interface TaskEnvInput {
  /** The task's `env` patterns. */
  readonly taskEnv: readonly string[];
  /** The root `globalEnv` patterns; only their `!` entries apply, and only with a framework. */
  readonly globalEnv: readonly string[];
  /** The inferred framework, if framework inference is on and one matched. */
  readonly framework: Framework | undefined;
}

/**
 * The env vars hashed into a task (`calculate_task_hash`): without a framework, the task's `env`
 * wildcards; with one, `hashable_task_env(frameworkWildcards (+ "!$TURBO_CI_VENDOR_ENV_KEY*"),
 * task env + "!" entries of globalEnv)`.
 */
export function taskHashableEnv(env: EnvMap, input: TaskEnvInput): DetailedEnv {
  if (input.framework === undefined) {
    const all = fromWildcards(env, input.taskEnv);
    return { all, explicit: new Map(all), matching: new Map() };
  }
  const computed = frameworkEnvWildcards(input.framework, env);
  const vendorPrefix = env.get("TURBO_CI_VENDOR_ENV_KEY");
  if (vendorPrefix !== undefined && vendorPrefix !== "") computed.push(`!${vendorPrefix}*`);
  const patterns = [...input.taskEnv, ...input.globalEnv.filter((p) => p.startsWith("!"))];
  const inferred = fromWildcards(env, computed);
  const user = wildcardMaps(env, patterns);
  const all = difference(union(union(new Map(), user.inclusions), inferred), user.exclusions);
  const explicit = difference(new Map(user.inclusions), user.exclusions);
  const matching = difference(new Map(inferred), user.exclusions);
  return { all, explicit, matching };
}
