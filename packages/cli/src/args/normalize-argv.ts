/**
 * Flags whose value is optional, with the values they accept when written with a space. turbo
 * (clap) never swallows a task name as such a value (`turbo run --force build`); commander
 * would, so a bare flag followed by anything else is rewritten to `--flag=<default>` first.
 */
const OPTIONAL_VALUE_FLAGS: Readonly<
  Record<string, { values: (v: string) => boolean; bare: string }>
> = {
  "--force": { values: isBoolean, bare: "true" },
  "--summarize": { values: isBoolean, bare: "true" },
  "--framework-inference": { values: isBoolean, bare: "true" },
  "--remote-only": { values: isBoolean, bare: "true" },
  "--remote-cache-read-only": { values: isBoolean, bare: "true" },
  "--continue": {
    values: (v) => ["never", "dependencies-successful", "always"].includes(v),
    bare: "always",
  },
  "--dry": { values: (v) => v === "text" || v === "json", bare: "text" },
  "--dry-run": { values: (v) => v === "text" || v === "json", bare: "text" },
  "--env-mode": { values: (v) => v === "strict" || v === "loose", bare: "strict" },
  "--graph": { values: (v) => /\.(dot|html|mermaid|json|svg|png|jpg|pdf)$/.test(v), bare: "" },
};

/** What normalizing needs to know about the program (parse-argv derives it from commander). */
export interface ArgvGrammar {
  /** Command names and aliases: a first word that is none of them is a task (`turbine build`). */
  readonly commands: ReadonlySet<string>;
  /** Options whose value follows as a separate word (so that word is not a command name). */
  readonly valueOptions: ReadonlySet<string>;
}

export interface NormalizedArgv {
  /** Arguments for commander, with `run` inserted for `turbine build` and optional values bound. */
  readonly argv: string[];
  /** Everything after the first `--`, passed to the requested tasks. */
  readonly passThroughArgs: string[];
}

/** Prepares user argv (without node and script) for commander; pure. */
export function normalizeArgv(input: readonly string[], grammar: ArgvGrammar): NormalizedArgv {
  const dashDash = input.indexOf("--");
  const head = dashDash === -1 ? [...input] : input.slice(0, dashDash);
  const passThroughArgs = dashDash === -1 ? [] : input.slice(dashDash + 1);
  const argv: string[] = [];
  let commandSeen = false;
  let implicitRun = false;
  for (let i = 0; i < head.length; i++) {
    const token = head[i] as string;
    const next = head[i + 1];
    const optional = OPTIONAL_VALUE_FLAGS[token];
    if (optional !== undefined && (next === undefined || !optional.values(next))) {
      argv.push(`${token}=${optional.bare}`);
      continue;
    }
    if (!commandSeen && !token.startsWith("-")) {
      commandSeen = true;
      implicitRun = !grammar.commands.has(token);
    }
    argv.push(token);
    if (grammar.valueOptions.has(token) && next !== undefined) {
      argv.push(next);
      i++;
    }
  }
  // `turbine [options] build` is `turbine run [options] build`; commander reads options anywhere.
  return { argv: implicitRun ? ["run", ...argv] : argv, passThroughArgs };
}

function isBoolean(value: string): boolean {
  return value === "true" || value === "false";
}
