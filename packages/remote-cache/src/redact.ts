/**
 * Masks a bearer token for display: the first four characters stay, the rest becomes `[hidden]`
 * (`abcd[hidden]`). Tokens of four characters or fewer are hidden completely.
 */
export function maskToken(token: string): string {
  return token.length > 4 ? `${token.slice(0, 4)}[hidden]` : "[hidden]";
}

/** Removes `user:pass@` from every URL in `text` (pnpm `redactUrlCredentials`). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, "$1");
}

/**
 * Makes `text` safe to show: strips URL credentials and replaces every occurrence of the token
 * (bare or as `Bearer <token>`) with its mask.
 */
export function redactSecrets(text: string, token: string | undefined): string {
  let out = redactUrlCredentials(text);
  if (token !== undefined && token.length > 0) out = out.split(token).join(maskToken(token));
  return out;
}
