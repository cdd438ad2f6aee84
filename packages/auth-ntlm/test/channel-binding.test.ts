import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateSignatureOid, channelBindingsHash, tlsServerEndPoint } from '../src/channel-binding.js';
import { type CertificateKind, makeCertificate } from './support/certificates.js';

const cases: readonly [CertificateKind, string, 'sha256' | 'sha384' | 'sha512'][] = [
  ['rsa-sha256', '1.2.840.113549.1.1.11', 'sha256'],
  ['rsa-sha1', '1.2.840.113549.1.1.5', 'sha256'], // RFC 5929: SHA-1 is upgraded to SHA-256
  ['rsa-sha512', '1.2.840.113549.1.1.13', 'sha512'],
  ['ecdsa-sha384', '1.2.840.10045.4.3.3', 'sha384'],
];

describe('tls-server-end-point (RFC 5929)', () => {
  it.each(cases)('%s certificate: reads %s and hashes with %s', (kind, oid, hash) => {
    const der = new X509Certificate(makeCertificate(kind).cert).raw;
    expect(certificateSignatureOid(der)).toBe(oid);
    const expected = Buffer.concat([
      Buffer.from('tls-server-end-point:'),
      createHash(hash).update(der).digest(),
    ]);
    expect(Buffer.from(tlsServerEndPoint(der)).equals(expected)).toBe(true);
  });

  it('falls back to SHA-256 for bytes it cannot parse', () => {
    const junk = new Uint8Array([0x30, 0x03, 0x01, 0x02]);
    expect(certificateSignatureOid(junk)).toBeUndefined();
    const expected = Buffer.concat([
      Buffer.from('tls-server-end-point:'),
      createHash('sha256').update(junk).digest(),
    ]);
    expect(Buffer.from(tlsServerEndPoint(junk)).equals(expected)).toBe(true);
  });

  it('hashes a gss_channel_bindings_struct whose only content is the application data', () => {
    const data = new TextEncoder().encode('tls-server-end-point:abc');
    const struct = Buffer.alloc(20);
    struct.writeUInt32LE(data.length, 16);
    const expected = createHash('md5')
      .update(Buffer.concat([struct, data]))
      .digest();
    expect(Buffer.from(channelBindingsHash(data)).equals(expected)).toBe(true);
  });
});
