import { createHash, createHmac } from 'node:crypto';

/** HMAC-MD5 over the concatenation of `parts` (MS-NLMP section 6). */
export function hmacMd5(key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array {
  const hmac = createHmac('md5', key);
  for (const part of parts) hmac.update(part);
  return new Uint8Array(hmac.digest());
}

export function md5(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('md5').update(data).digest());
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** UTF-16LE, the encoding of every NTLM string once NTLMSSP_NEGOTIATE_UNICODE is set. */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
