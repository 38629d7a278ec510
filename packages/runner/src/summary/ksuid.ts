const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** KSUID epoch: 2014-05-13T16:53:20Z, in seconds. */
const EPOCH = 1_400_000_000;

/**
 * A KSUID, the id turbo gives runs (`.turbo/runs/<id>.json`): 4 bytes of seconds since the KSUID
 * epoch plus 16 random bytes, base62, 27 characters. Sorts by creation time.
 */
export function ksuid(nowMs: number, random: Uint8Array = randomBytes16()): string {
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

/**
 * 16 bytes from `Math.random` (V8's xorshift128+, seeded from the OS at start-up). A run id only
 * has to be unique, never secret, and every run makes one: loading node:crypto for it cost about
 * 7 ms, a few per cent of a fully cached run.
 */
function randomBytes16(): Uint8Array {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const word = Math.floor(Math.random() * 2 ** 32);
    bytes[i] = word >>> 24;
    bytes[i + 1] = (word >>> 16) & 0xff;
    bytes[i + 2] = (word >>> 8) & 0xff;
    bytes[i + 3] = word & 0xff;
  }
  return bytes;
}
