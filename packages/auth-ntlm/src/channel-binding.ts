import { createHash } from 'node:crypto';
import { concatBytes, md5 } from './crypto/primitives.js';

/**
 * RFC 5929 §4.1: the certificate's own signature hash, except MD5 and SHA-1 which are
 * replaced by SHA-256. Keyed by the dotted OID of the certificate's signatureAlgorithm.
 */
const SIGNATURE_HASHES: ReadonlyMap<string, 'sha256' | 'sha384' | 'sha512'> = new Map([
  ['1.2.840.113549.1.1.4', 'sha256'], // md5WithRSAEncryption
  ['1.2.840.113549.1.1.5', 'sha256'], // sha1WithRSAEncryption
  ['1.2.840.113549.1.1.11', 'sha256'], // sha256WithRSAEncryption
  ['1.2.840.113549.1.1.12', 'sha384'], // sha384WithRSAEncryption
  ['1.2.840.113549.1.1.13', 'sha512'], // sha512WithRSAEncryption
  ['1.2.840.10045.4.1', 'sha256'], // ecdsa-with-SHA1
  ['1.2.840.10045.4.3.2', 'sha256'], // ecdsa-with-SHA256
  ['1.2.840.10045.4.3.3', 'sha384'], // ecdsa-with-SHA384
  ['1.2.840.10045.4.3.4', 'sha512'], // ecdsa-with-SHA512
]);

/** Used for algorithms RFC 5929 does not cover (RSA-PSS, EdDSA): what Windows and most peers use. */
const FALLBACK_HASH = 'sha256';

interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at];
  let lengthByte = der[at + 1];
  if (tag === undefined || lengthByte === undefined) throw new RangeError('truncated DER');
  let start = at + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[start + i];
      if (lengthByte === undefined) throw new RangeError('truncated DER');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  if (start + length > der.length) throw new RangeError('truncated DER');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** The dotted OID of a DER certificate's signatureAlgorithm, or undefined when it cannot be read. */
export function certificateSignatureOid(der: Uint8Array): string | undefined {
  try {
    const certificate = readTlv(der, 0);
    const tbs = readTlv(der, certificate.start);
    const algorithm = readTlv(der, tbs.end);
    const oid = readTlv(der, algorithm.start);
    if (certificate.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) return undefined;
    return decodeOid(der.subarray(oid.start, oid.end));
  } catch {
    return undefined;
  }
}

/** RFC 5929 `tls-server-end-point` channel binding data of a DER server certificate. */
export function tlsServerEndPoint(certificateDer: Uint8Array): Uint8Array {
  const oid = certificateSignatureOid(certificateDer);
  const hash = (oid && SIGNATURE_HASHES.get(oid)) ?? FALLBACK_HASH;
  const digest = createHash(hash).update(certificateDer).digest();
  return concatBytes(new TextEncoder().encode('tls-server-end-point:'), digest);
}

/**
 * MsvAvChannelBindings value: MD5 of a gss_channel_bindings_struct with no addresses and the
 * given application data (MS-NLMP 2.2.2.1), or 16 zero bytes when there is no TLS channel.
 */
export function channelBindingsHash(applicationData: Uint8Array | undefined): Uint8Array {
  if (!applicationData) return new Uint8Array(16);
  // initiator_addrtype, initiator_address.length, acceptor_addrtype, acceptor_address.length
  // (all zero), then application_data.length, all 32-bit little-endian.
  const header = new Uint8Array(20);
  new DataView(header.buffer).setUint32(16, applicationData.length, true);
  return md5(concatBytes(header, applicationData));
}
