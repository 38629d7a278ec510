import { CacheError } from "../cache-error.js";
import { fail, ok, type Result } from "./result.js";

export interface CacheActions {
  readonly read: boolean;
  readonly write: boolean;
}

/** Which cache sources a run reads and writes. */
export interface CacheConfig {
  readonly local: CacheActions;
  readonly remote: CacheActions;
}

/** `local:rw,remote:rw`, turbo's default. */
export const DEFAULT_CACHE_CONFIG: CacheConfig = {
  local: { read: true, write: true },
  remote: { read: true, write: true },
};

const OFF: CacheActions = { read: false, write: false };

function invalid(message: string, text: string): CacheError {
  return new CacheError("ERR_CACHE_CONFIG_INVALID", message, {
    hint: `Got ${JSON.stringify(text)}. Use a comma separated list such as \`local:rw,remote:r\`.`,
  });
}

function parseActions(value: string, text: string): Result<CacheActions> {
  let read = false;
  let write = false;
  for (const c of value) {
    if (c === "r" || c === "w") {
      const seen = c === "r" ? read : write;
      if (seen) {
        const action = c === "r" ? "r (read)" : "w (write)";
        return fail(
          invalid(`Actions cannot be duplicated. Found \`${action}\` multiple times.`, text),
        );
      }
      if (c === "r") read = true;
      else write = true;
    } else {
      return fail(invalid(`Invalid cache action: \`${c}\``, text));
    }
  }
  return ok({ read, write });
}

/**
 * Parses the `--cache` / `TURBO_CACHE` grammar exactly as turbo 2.11.13 does
 * (`cache := "" | source ("," source)*`, `source := ("local"|"remote") ":" [rw]*`). A source that
 * is not named is off; `""` turns both off. Error messages are turbo's, word for word.
 */
export function parseCacheConfig(text: string): Result<CacheConfig> {
  if (text === "") return ok({ local: OFF, remote: OFF });
  let local: CacheActions | undefined;
  let remote: CacheActions | undefined;
  for (const pair of text.split(",")) {
    const colon = pair.indexOf(":");
    if (colon === -1) {
      return fail(
        invalid(
          `Invalid cache type and action pair. Found \`${pair}\`, but expected colon separated pair.`,
          text,
        ),
      );
    }
    const key = pair.slice(0, colon);
    if (key !== "local" && key !== "remote") {
      return fail(invalid(`Invalid cache type \`${key}\`. Expected \`local\` or \`remote\``, text));
    }
    if ((key === "local" ? local : remote) !== undefined) {
      return fail(invalid(`Keys cannot be duplicated. Found \`${key}\` multiple times.`, text));
    }
    const actions = parseActions(pair.slice(colon + 1), text);
    if (!actions.ok) return actions;
    if (key === "local") local = actions.value;
    else remote = actions.value;
  }
  return ok({ local: local ?? OFF, remote: remote ?? OFF });
}

/** Renders a config back to the grammar (`local:rw,remote:r`); a fully-off source is left out. */
export function formatCacheConfig(config: CacheConfig): string {
  const part = (name: string, a: CacheActions): string | undefined =>
    a.read || a.write ? `${name}:${a.read ? "r" : ""}${a.write ? "w" : ""}` : undefined;
  return [part("local", config.local), part("remote", config.remote)]
    .filter((p) => p !== undefined)
    .join(",");
}
