import { createHash } from 'node:crypto';

/**
 * RFC 5929 §4.1 hash for `tls-server-end-point`: the certificate's signature hash, with MD5 and
 * SHA-1 replaced by SHA-256. Keyed by the DER bytes (hex) of the signatureAlgorithm OID.
 */
const SIGNATURE_HASHES: ReadonlyMap<string, string> = new Map([
  ['2a864886f70d010104', 'sha256'], // md5WithRSAEncryption
  ['2a864886f70d010105', 'sha256'], // sha1WithRSAEncryption
  ['2a864886f70d01010b', 'sha256'], // sha256WithRSAEncryption
  ['2a864886f70d01010c', 'sha384'], // sha384WithRSAEncryption
  ['2a864886f70d01010d', 'sha512'], // sha512WithRSAEncryption
  ['2a8648ce3d0401', 'sha256'], // ecdsa-with-SHA1
  ['2a8648ce3d040302', 'sha256'], // ecdsa-with-SHA256
  ['2a8648ce3d040303', 'sha384'], // ecdsa-with-SHA384
  ['2a8648ce3d040304', 'sha512'], // ecdsa-with-SHA512
]);
/** RSA-PSS, EdDSA and others RFC 5929 leaves open: Windows (and IIS) use SHA-256. */
const FALLBACK_HASH = 'sha256';

/** [contentStart, contentEnd] of the DER element at `at`. */
function element(der: Buffer, at: number): [number, number] {
  const first = der[at + 1] ?? 0;
  if ((first & 0x80) === 0) return [at + 2, at + 2 + first];
  const count = first & 0x7f;
  return [at + 2 + count, at + 2 + count + der.readUIntBE(at + 2, count)];
}

/** The signatureAlgorithm OID (hex) of a DER certificate: Certificate ::= SEQ { tbs, sigAlg, sig }. */
function signatureOid(der: Buffer): string | undefined {
  try {
    const [certStart] = element(der, 0);
    const [, tbsEnd] = element(der, certStart);
    const [algStart] = element(der, tbsEnd);
    const [oidStart, oidEnd] = element(der, algStart);
    return der[algStart] === 0x06 ? der.subarray(oidStart, oidEnd).toString('hex') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The MsvAvChannelBindings value a client must send to this server: MD5 of a
 * gss_channel_bindings_struct (no addresses) whose application data is
 * "tls-server-end-point:" + the RFC 5929 hash of the server's own certificate.
 */
export function expectedChannelBindings(serverCertificateDer: Buffer): Buffer {
  const oid = signatureOid(serverCertificateDer);
  const hash = (oid && SIGNATURE_HASHES.get(oid)) || FALLBACK_HASH;
  const applicationData = Buffer.concat([
    Buffer.from('tls-server-end-point:', 'latin1'),
    createHash(hash).update(serverCertificateDer).digest(),
  ]);
  // Four 32-bit zeros (address types and lengths), then the application data's length.
  const header = Buffer.alloc(20);
  header.writeUInt32LE(applicationData.length, 16);
  return createHash('md5').update(header).update(applicationData).digest();
}
