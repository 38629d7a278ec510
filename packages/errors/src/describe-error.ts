/** A short, single-line description of a thrown value, for messages that carry a `cause`. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
