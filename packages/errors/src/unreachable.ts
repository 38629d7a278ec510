/** Exhaustiveness guard for `switch` statements over discriminated unions: reaching it is a bug. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
