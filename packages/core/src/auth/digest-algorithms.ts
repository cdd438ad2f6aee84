import { createHash } from 'node:crypto';

/** One RFC 7616 `algorithm` value the Digest strategy can answer. */
export interface DigestAlgorithm {
  /** As sent back in the `algorithm` parameter. */
  readonly name: string;
  /** node:crypto hash name. */
  readonly hash: 'md5' | 'sha256';
  /** `-sess` variants fold the nonces into A1. */
  readonly session: boolean;
  /** Higher wins when a server offers several Digest challenges. */
  readonly strength: number;
}

/** Supported algorithms by upper-cased name; a challenge without `algorithm` means MD5. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  MD5: { name: 'MD5', hash: 'md5', session: false, strength: 1 },
  'MD5-SESS': { name: 'MD5-sess', hash: 'md5', session: true, strength: 1 },
  'SHA-256': { name: 'SHA-256', hash: 'sha256', session: false, strength: 2 },
  'SHA-256-SESS': { name: 'SHA-256-sess', hash: 'sha256', session: true, strength: 2 },
};

export function digestAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  return DIGEST_ALGORITHMS[(name ?? 'MD5').toUpperCase()];
}

/** Lower-case hex digest of a UTF-8 string. */
export function digestHex(algorithm: DigestAlgorithm, data: string): string {
  return createHash(algorithm.hash).update(data, 'utf8').digest('hex');
}
