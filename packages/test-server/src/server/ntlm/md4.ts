/**
 * MD4 (RFC 1320), needed for the NT hash. Node 20's OpenSSL 3 ships it only in the legacy
 * provider, which is off by default, so the test server carries its own.
 */

const ROUND2 = 0x5a827999;
const ROUND3 = 0x6ed9eba1;
// Per-round message word order and shift amounts (RFC 1320 §3.4).
const ORDER = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15],
  [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15],
] as const;
const SHIFTS = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
] as const;
const MIXERS: readonly ((x: number, y: number, z: number) => number)[] = [
  (x, y, z) => (x & y) | (~x & z),
  (x, y, z) => ((x & y) | (x & z) | (y & z)) + ROUND2,
  (x, y, z) => (x ^ y ^ z) + ROUND3,
];

const rotl = (value: number, bits: number): number => (value << bits) | (value >>> (32 - bits));

function pad(message: Uint8Array): DataView {
  const length = (((message.length + 8) >>> 6) + 1) << 6;
  const padded = new Uint8Array(length);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = message.length * 8;
  view.setUint32(length - 8, bits >>> 0, true);
  view.setUint32(length - 4, Math.floor(bits / 2 ** 32), true);
  return view;
}

export function md4(message: Uint8Array): Buffer {
  const view = pad(message);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const words = new Array<number>(16).fill(0);
  for (let block = 0; block < view.byteLength; block += 64) {
    for (let i = 0; i < 16; i++) words[i] = view.getUint32(block + i * 4, true);
    const h = [...state] as [number, number, number, number];
    for (let round = 0; round < 3; round++) {
      const mix = MIXERS[round] as (x: number, y: number, z: number) => number;
      const order = ORDER[round] as readonly number[];
      const shifts = SHIFTS[round] as readonly number[];
      for (let step = 0; step < 16; step++) {
        // Registers rotate a, d, c, b: the one being updated is h[(4 - step % 4) % 4].
        const target = (4 - (step % 4)) % 4;
        const [x, y, z] = [h[(target + 1) % 4], h[(target + 2) % 4], h[(target + 3) % 4]] as [
          number,
          number,
          number,
        ];
        const sum = ((h[target] as number) + mix(x, y, z) + (words[order[step] as number] as number)) | 0;
        h[target] = rotl(sum, shifts[step % 4] as number);
      }
    }
    for (let i = 0; i < 4; i++) state[i] = ((state[i] as number) + (h[i] as number)) | 0;
  }
  const out = Buffer.alloc(16);
  for (const [i, word] of state.entries()) out.writeInt32LE(word, i * 4);
  return out;
}
