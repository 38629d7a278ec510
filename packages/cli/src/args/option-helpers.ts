import { InvalidArgumentError, Option } from "commander";

/** commander's parsed options (a command's own merged with the program's). */
export type Opts = Readonly<Record<string, unknown>>;

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `true` / `"true"` → true, `"false"` → false, anything else → not given. */
export function boolOpt(value: unknown): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A flag with an optional value: `true` when bare (or bound to `""`), else the value. */
export function optionalValue(value: unknown): string | true | undefined {
  return value === true || value === "" ? true : str(value);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

export function choice(flags: string, description: string, choices: string[]): Option {
  return new Option(flags, description).choices(choices);
}

export function bool(flags: string, description: string): Option {
  return new Option(flags, description).choices(["true", "false"]);
}
