// node:crypto is loaded on first use (process.getBuiltinModule): it pulls in dozens of internal
// modules, and most runs never get here.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** KSUID epoch: 2014-05-13T16:53:20Z, in seconds. */
const EPOCH = 1_400_000_000;

/**
 * A KSUID, the id turbo gives runs (`.turbo/runs/<id>.json`): 4 bytes of seconds since the KSUID
 * epoch plus 16 random bytes, base62, 27 characters. Sorts by creation time.
 */
export function ksuid(
  nowMs: number,
  random: Uint8Array = process.getBuiltinModule("node:crypto").randomBytes(16),
): string {
  const bytes = new Uint8Array(20);
  new DataView(bytes.buffer).setUint32(0, Math.floor(nowMs / 1000) - EPOCH);
  bytes.set(random.subarray(0, 16), 4);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let text = "";
  while (value > 0n) {
    text = (ALPHABET[Number(value % 62n)] as string) + text;
    value /= 62n;
  }
  return text.padStart(27, "0");
}
