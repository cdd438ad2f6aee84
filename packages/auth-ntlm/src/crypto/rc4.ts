/**
 * RC4, used once per handshake to encrypt the random session key (KEY_EXCH, MS-NLMP 3.1.5.1.2).
 * Node 20's OpenSSL 3 has no `rc4` cipher in its default provider, so it is implemented here.
 */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length === 0) throw new RangeError('RC4 key must not be empty');
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    swap(s, i, j);
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    swap(s, i, j);
    out[n] = (data[n] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

function swap(s: Uint8Array, i: number, j: number): void {
  const t = s[i] as number;
  s[i] = s[j] as number;
  s[j] = t;
}
