import { constants, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export type JwtClaims = Readonly<Record<string, unknown>>;

/** Mints an RS256 JWT. */
export function signJwt(claims: JwtClaims, privateKey: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

/**
 * Verifies an RS256 or PS256 signature and `exp`/`nbf` (seconds); returns undefined for
 * anything malformed, forged or expired.
 */
export function verifyJwt(
  token: string,
  publicKey: KeyObject | string,
  nowMs = Date.now(),
): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head = '', body = '', signature = ''] = parts;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const padding =
    header.alg === 'PS256'
      ? constants.RSA_PKCS1_PSS_PADDING
      : header.alg === 'RS256'
        ? constants.RSA_PKCS1_PADDING
        : undefined;
  if (padding === undefined) return undefined;
  const ok = createVerify('RSA-SHA256')
    .update(`${head}.${body}`)
    .verify(
      { key, padding, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      Buffer.from(signature, 'base64url'),
    );
  if (!ok) return undefined;
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
  if (typeof claims.nbf === 'number' && claims.nbf > now + 5) return undefined;
  return { header, claims };
}

/** Decodes without verifying (for reading what a client sent). */
export function decodeJwt(token: string): DecodedJwt {
  const [head = '', body = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}
