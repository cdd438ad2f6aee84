import { createSelfSigned, type Digest, type KeyType } from '@ews-tools/test-support';

export type CertificateKind = 'rsa-sha256' | 'rsa-sha1' | 'rsa-sha512' | 'ecdsa-sha384';

const KINDS: Record<CertificateKind, { keyType: KeyType; digest: Digest }> = {
  'rsa-sha256': { keyType: 'rsa-2048', digest: 'sha256' },
  'rsa-sha1': { keyType: 'rsa-2048', digest: 'sha1' },
  'rsa-sha512': { keyType: 'rsa-2048', digest: 'sha512' },
  'ecdsa-sha384': { keyType: 'ec-p384', digest: 'sha384' },
};

/** A fresh self-signed certificate for 127.0.0.1, made with the openssl CLI. */
export function makeCertificate(kind: CertificateKind): { key: string; cert: string } {
  return createSelfSigned({ commonName: '127.0.0.1', altNames: ['127.0.0.1'], ...KINDS[kind] });
}
