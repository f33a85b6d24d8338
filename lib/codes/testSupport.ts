/** Helpers shared by the code tests; not part of the public API. */

/** Deterministic PRNG (mulberry32) so property-style tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(random: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

/** Every string that differs from `s` in exactly one position within [from, to), using `alphabet`. */
export function* singleSubstitutions(
  s: string,
  alphabet: string,
  from = 0,
  to = s.length,
): Generator<string> {
  for (let i = from; i < to; i++) {
    for (const c of alphabet) {
      if (c !== s[i]) yield s.slice(0, i) + c + s.slice(i + 1);
    }
  }
}
