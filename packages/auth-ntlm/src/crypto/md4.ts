/**
 * MD4 (RFC 1320), needed for the NT hash. Node 20 ships OpenSSL 3, whose default
 * provider has no MD4 (`createHash('md4')` throws), so it is implemented here.
 */

const INITIAL_STATE: readonly number[] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

/** The three rounds of RFC 1320 §3.4 as data: word order, shifts and additive constant. */
const ROUNDS: readonly {
  readonly mix: (x: number, y: number, z: number) => number;
  readonly constant: number;
  readonly order: readonly number[];
  readonly shifts: readonly number[];
}[] = [
  {
    mix: (x, y, z) => (x & y) | (~x & z),
    constant: 0,
    order: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    shifts: [3, 7, 11, 19],
  },
  {
    mix: (x, y, z) => (x & y) | (x & z) | (y & z),
    constant: 0x5a827999,
    order: [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15],
    shifts: [3, 5, 9, 13],
  },
  {
    mix: (x, y, z) => x ^ y ^ z,
    constant: 0x6ed9eba1,
    order: [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15],
    shifts: [3, 9, 11, 15],
  },
];

const rotateLeft = (value: number, bits: number): number => (value << bits) | (value >>> (32 - bits));

/** Pads per RFC 1320 §3.1–3.2: a 1 bit, zeros to 56 mod 64, then the bit length (64-bit little-endian). */
function pad(message: Uint8Array): Uint8Array {
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLength = BigInt(message.length) * 8n;
  view.setBigUint64(paddedLength - 8, bitLength, true);
  return padded;
}

/** Returns the 16-byte MD4 digest of `message`. */
export function md4(message: Uint8Array): Uint8Array {
  const padded = pad(message);
  const view = new DataView(padded.buffer);
  const state = [...INITIAL_STATE];
  const words = new Array<number>(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) words[i] = view.getUint32(block + i * 4, true);
    const registers = [...state];
    for (const round of ROUNDS) {
      for (let step = 0; step < 16; step++) {
        // Registers rotate roles each step: [abcd], [dabc], [cdab], [bcda].
        const a = (16 - step) % 4;
        const b = (a + 1) % 4;
        const c = (a + 2) % 4;
        const d = (a + 3) % 4;
        const word = words[round.order[step] as number] as number;
        const sum =
          ((registers[a] as number) +
            round.mix(registers[b] as number, registers[c] as number, registers[d] as number) +
            word +
            round.constant) |
          0;
        registers[a] = rotateLeft(sum, round.shifts[step % 4] as number);
      }
    }
    for (let i = 0; i < 4; i++) state[i] = ((state[i] as number) + (registers[i] as number)) | 0;
  }
  const digest = new Uint8Array(16);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 4; i++) out.setUint32(i * 4, (state[i] as number) >>> 0, true);
  return digest;
}
