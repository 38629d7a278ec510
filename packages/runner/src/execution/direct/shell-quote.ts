/**
 * Quoting of pass-through args, one rule per package manager, each as the manager itself quotes
 * (checked against the real tools in the direct-execution tests).
 */

/**
 * npm (`@npmcli/promise-spawn`'s `escape.sh`) and yarn 1 (puka's `quoteForSh`) share one rule:
 * single quotes when the arg holds a shell metacharacter, `''` for an empty one.
 */
export function quoteSh(arg: string): string {
  if (arg.length === 0) return "''";
  if (!/[\t\n\r "#$&'()*;<>?\\`|~]/.test(arg)) return arg;
  return `'${arg.replace(/'/g, "'\\''")}'`.replace(/^(?:'')+(?!$)/, "").replace(/\\'''/g, "\\'");
}

/** pnpm (the `shlex` package's `quote`): anything outside `[\w@%+=:,./-]` is single-quoted. */
export function quoteShlex(arg: string): string {
  if (arg === "") return "''";
  if (!/[^\w@%\-+=:,./]/.test(arg)) return arg;
  return `'${arg.replace(/('+)/g, `'"$1"'`)}'`.replace(/^''|''$/g, "");
}

/** bun: double quotes around an arg with anything unusual, `\` before `"`, `$`, `` ` `` and `\`. */
export function quoteBun(arg: string): string {
  if (arg !== "" && /^[\w@%\-+=:,./]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"$`]/g, "\\$&")}"`;
}
