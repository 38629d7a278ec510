import { CacheError } from "../cache-error.js";
import { formatBytes, formatDuration, parseHumanDuration, parseHumanSize } from "./human-units.js";

/** Where a limit came from. */
export type LimitSource = "env" | "turbo.json" | "default";

/**
 * The limits eviction applies. `maxAgeMs` 0 = no age limit. `maxSize` is a byte count (0 = no size
 * limit) or, for Turbine's default, a share of the room the cache has on its disk, capped.
 */
export interface EvictionBudget {
  readonly maxAgeMs: number;
  readonly maxSize:
    | { readonly kind: "bytes"; readonly bytes: number }
    | { readonly kind: "share"; readonly share: number; readonly capBytes: number };
  readonly source: { readonly age: LimitSource | "unset"; readonly size: LimitSource | "unset" };
}

/**
 * Turbine's budget when none of `cacheMaxAge`, `cacheMaxSize`, `TURBO_CACHE_MAX_AGE` and
 * `TURBO_CACHE_MAX_SIZE` is set: entries unused for 30 days go, and the cache keeps to a tenth of
 * the room it has (free space plus its own bytes), at most 20GB. See the package README.
 */
export const DEFAULT_BUDGET: EvictionBudget = {
  maxAgeMs: 30 * 86400 * 1000,
  maxSize: { kind: "share", share: 0.1, capBytes: 20 * 1024 ** 3 },
  source: { age: "default", size: "default" },
};

export interface BudgetInput {
  /** `TURBO_CACHE_MAX_AGE` / `TURBO_CACHE_MAX_SIZE` are read from here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** turbo.json `cacheMaxAge` / `cacheMaxSize` (or `global.*`), as written. */
  readonly cacheMaxAge: string | undefined;
  readonly cacheMaxSize: string | undefined;
}

/**
 * turbo 2.11.13's precedence: each variable, when set, wins over turbo.json (even set to "", which
 * is then an error, as in turbo; the turbo.json value is not even checked). With
 * nothing set anywhere, Turbine's default applies; with anything set, turbo's semantics (an unset
 * limit is off). The age is checked first, as turbo does.
 */
export function resolveEvictionBudget(input: BudgetInput): EvictionBudget {
  const age = pick(input.env.TURBO_CACHE_MAX_AGE, input.cacheMaxAge);
  const size = pick(input.env.TURBO_CACHE_MAX_SIZE, input.cacheMaxSize);
  if (age === undefined && size === undefined) return DEFAULT_BUDGET;
  const maxAgeMs = age === undefined ? 0 : check("cacheMaxAge", age, parseHumanDuration);
  const bytes = size === undefined ? 0 : check("cacheMaxSize", size, parseHumanSize);
  return {
    maxAgeMs,
    maxSize: { kind: "bytes", bytes },
    source: { age: age?.source ?? "unset", size: size?.source ?? "unset" },
  };
}

interface Setting {
  readonly source: "env" | "turbo.json";
  readonly text: string;
}

function pick(env: string | undefined, json: string | undefined): Setting | undefined {
  if (env !== undefined) return { source: "env", text: env };
  return json === undefined ? undefined : { source: "turbo.json", text: json };
}

function check(
  key: "cacheMaxAge" | "cacheMaxSize",
  setting: Setting,
  parse: typeof parseHumanDuration,
): number {
  const parsed = parse(setting.text);
  if (parsed.ok) return parsed.value;
  const where =
    setting.source === "env"
      ? key === "cacheMaxAge"
        ? "TURBO_CACHE_MAX_AGE"
        : "TURBO_CACHE_MAX_SIZE"
      : `turbo.json ${key}`;
  const example = key === "cacheMaxAge" ? '"7d" (s, m, h, d, w)' : '"10GB" (B, KB, MB, GB, TB)';
  throw new CacheError("ERR_CACHE_INVALID_LIMIT", `Invalid ${key}: ${parsed.message}`, {
    hint: `Fix ${where}: a value such as ${example}, or "0" to turn this limit off.`,
  });
}

/** True when the budget can evict anything. */
export function budgetEnabled(budget: EvictionBudget): boolean {
  return budget.maxAgeMs > 0 || maxSizeEnabled(budget);
}

function maxSizeEnabled(budget: EvictionBudget): boolean {
  return budget.maxSize.kind === "share" || budget.maxSize.bytes > 0;
}

/**
 * The byte limit in force (0 = none): a fixed size, or the default's share of the room the cache
 * has on its file system (its own bytes plus the free space), capped.
 */
export function sizeLimit(budget: EvictionBudget, cacheBytes: number, freeBytes: number): number {
  const { maxSize } = budget;
  if (maxSize.kind === "bytes") return maxSize.bytes;
  return Math.min(maxSize.capBytes, Math.floor((cacheBytes + freeBytes) * maxSize.share));
}

/**
 * The budget in words: `max age 30d, max size 7.4GB (Turbine default: …)`, `max age 7d
 * (TURBO_CACHE_MAX_AGE)`, `off`. `limitBytes` is the size limit in force (see `sizeLimit`).
 */
export function describeBudget(budget: EvictionBudget, limitBytes: number): string {
  if (!budgetEnabled(budget)) return "off (cacheMaxAge and cacheMaxSize are 0 or unset)";
  const { maxSize } = budget;
  if (maxSize.kind === "share") {
    const share = `${String(Math.round(maxSize.share * 100))}% of the room on disk`;
    return (
      `max age ${formatDuration(budget.maxAgeMs)}, max size ${formatBytes(limitBytes)} ` +
      `(Turbine default: ${share}, at most ${formatBytes(maxSize.capBytes)})`
    );
  }
  const from = (source: EvictionBudget["source"]["age"], variable: string, key: string): string =>
    source === "env" ? variable : `turbo.json ${key}`;
  const parts: string[] = [];
  if (budget.maxAgeMs > 0) {
    const source = from(budget.source.age, "TURBO_CACHE_MAX_AGE", "cacheMaxAge");
    parts.push(`max age ${formatDuration(budget.maxAgeMs)} (${source})`);
  }
  if (maxSize.bytes > 0) {
    const source = from(budget.source.size, "TURBO_CACHE_MAX_SIZE", "cacheMaxSize");
    parts.push(`max size ${formatBytes(maxSize.bytes)} (${source})`);
  }
  return parts.join(", ");
}
