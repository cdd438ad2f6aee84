import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { type DetectedAuthType, detectAuthType } from '../../src/auth/detect-auth-type.js';
import { parseWwwAuthenticate } from '../../src/auth/www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it('parses several challenges in one header, with quoted params and escapes', () => {
    const parsed = parseWwwAuthenticate([
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe\\"q\\\\aU", ' +
        'Digest realm="http-auth@example.org", algorithm=MD5, nonce="abc", Basic realm="EWS, with comma"',
    ]);
    expect(parsed).toEqual([
      {
        scheme: 'Digest',
        params: {
          realm: 'http-auth@example.org',
          qop: 'auth, auth-int',
          algorithm: 'SHA-256',
          nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
          opaque: 'FQhe"q\\aU',
        },
      },
      { scheme: 'Digest', params: { realm: 'http-auth@example.org', algorithm: 'MD5', nonce: 'abc' } },
      { scheme: 'Basic', params: { realm: 'EWS, with comma' } },
    ]);
  });

  it('reads token68 blobs, bare schemes and several header values in order', () => {
    const parsed = parseWwwAuthenticate([
      'Negotiate, NTLM',
      'NTLM TlRMTVNTUAACAAAABgAGADgAAAAFgomi+Q==',
      'Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag',
      'Bearer',
    ]);
    expect(parsed).toEqual([
      { scheme: 'Negotiate', params: {} },
      { scheme: 'NTLM', params: {} },
      { scheme: 'NTLM', params: {}, token: 'TlRMTVNTUAACAAAABgAGADgAAAAFgomi+Q==' },
      { scheme: 'Negotiate', params: {}, token: 'YIIBhgYGKwYBBQUCoIIBejCCAXag' },
      { scheme: 'Bearer', params: {} },
    ]);
  });

  it('lower-cases param names, keeps the scheme as sent, and tolerates odd spacing', () => {
    const parsed = parseWwwAuthenticate([
      '  bEaReR  Realm = "contoso" ,error=invalid_token, Error_Description="expired token" ,, Basic',
    ]);
    expect(parsed).toEqual([
      {
        scheme: 'bEaReR',
        params: { realm: 'contoso', error: 'invalid_token', error_description: 'expired token' },
      },
      { scheme: 'Basic', params: {} },
    ]);
  });

  it('takes a token68 that ends in padding and is followed by another challenge', () => {
    expect(parseWwwAuthenticate(['Negotiate abc==, Basic realm=""'])).toEqual([
      { scheme: 'Negotiate', params: {}, token: 'abc==' },
      { scheme: 'Basic', params: { realm: '' } },
    ]);
  });

  it('skips malformed parts instead of throwing', () => {
    expect(parseWwwAuthenticate(['', ',,,', '"quoted" junk, Basic realm="x'])).toEqual([
      { scheme: 'Basic', params: { realm: 'x' } },
    ]);
    expect(parseWwwAuthenticate(['Digest realm="a", @@@, nonce="n"'])).toEqual([
      { scheme: 'Digest', params: { realm: 'a', nonce: 'n' } },
    ]);
  });
});

interface DetectionVector {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly expected: string;
}

// exchangelib's result strings, in our scheme names (undefined: exchangelib raises UnauthorizedError).
const EXCHANGELIB_RESULT: Readonly<Record<string, DetectedAuthType | undefined>> = {
  'no authentication': 'none',
  basic: 'Basic',
  digest: 'Digest',
  NTLM: 'NTLM',
  'OAuth 2.0': 'Bearer',
  UnauthorizedError: undefined,
};

describe('detectAuthType (exchangelib auth_detection vectors)', () => {
  const file = loadVectors('http-transport') as {
    auth_detection: DetectionVector[];
    auth_detection_rule: string;
  };

  it('has vectors and a rule to mirror', () => {
    expect(file.auth_detection.length).toBeGreaterThanOrEqual(10);
    expect(file.auth_detection_rule).toContain('digest > ntlm > basic');
  });

  for (const [index, vector] of file.auth_detection.entries()) {
    it(`#${index}: ${vector.status} ${JSON.stringify(vector.headers)} -> ${vector.expected}`, () => {
      expect(Object.hasOwn(EXCHANGELIB_RESULT, vector.expected)).toBe(true);
      expect(detectAuthType(vector.status, vector.headers)).toBe(EXCHANGELIB_RESULT[vector.expected]);
    });
  }

  it('reads repeated WWW-Authenticate headers given as an array', () => {
    expect(detectAuthType(401, { 'www-authenticate': ['Negotiate', 'Basic realm="x"'] })).toBe('Basic');
    expect(detectAuthType(401, { 'www-authenticate': ['Negotiate'] })).toBeUndefined();
  });
});
