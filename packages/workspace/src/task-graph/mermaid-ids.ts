const MASK = (1n << 64n) - 1n;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function rotl(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (64n - k))) & MASK;
}

/**
 * The node aliases turbo's mermaid output uses: four capital letters drawn from Rust's
 * `SmallRng::seed_from_u64(4)` (xoshiro256++ seeded by SplitMix64) with rand 0.9's
 * `random_range(0..26)` (Canon's widening multiply on 32-bit draws).
 */
export function createMermaidIds(): () => string {
  const s: bigint[] = [];
  let state = 4n;
  for (let i = 0; i < 4; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    s.push(z ^ (z >> 31n));
  }
  const nextU64 = (): bigint => {
    const [s0 = 0n, s1 = 0n, s2 = 0n, s3 = 0n] = s;
    const result = (rotl((s0 + s3) & MASK, 23n) + s0) & MASK;
    const t = (s1 << 17n) & MASK;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 45n);
    return result;
  };
  const nextU32 = (): bigint => nextU64() >> 32n;
  const letter = (): string => {
    const range = 26n;
    const product = nextU32() * range;
    let result = product >> 32n;
    const lowOrder = product & 0xffffffffn;
    if (lowOrder > 0x100000000n - range) {
      const newHigh = (nextU32() * range) >> 32n;
      if (lowOrder + newHigh > 0xffffffffn) result += 1n;
    }
    return LETTERS[Number(result)] ?? "A";
  };
  return () => letter() + letter() + letter() + letter();
}
