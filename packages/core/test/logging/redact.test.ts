import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactSecrets, redactUrl } from '../../src/logging/redact.js';

describe('redactHeaders', () => {
  it('shows allow-listed headers and hides everything else', () => {
    const shown = redactHeaders({
      'Content-Type': 'text/xml; charset=utf-8',
      'client-request-id': '2f1c7a5e-8a52-4c0e-9d5f-3f4a1b2c3d4e',
      'x-anchormailbox': 'alice@contoso.com',
      'x-custom-session': 'opaque-value-123',
      'x-ms-exchange-something-new': 'whatever',
    });
    expect(shown).toEqual({
      'content-type': 'text/xml; charset=utf-8',
      'client-request-id': '2f1c7a5e-8a52-4c0e-9d5f-3f4a1b2c3d4e',
      'x-anchormailbox': 'alice@contoso.com',
      'x-custom-session': REDACTED,
      'x-ms-exchange-something-new': REDACTED,
    });
  });

  it('always hides credentials and cookies, even when allowed', () => {
    const shown = redactHeaders(
      {
        authorization: 'Basic YWxpY2U6c2VjcmV0',
        'proxy-authorization': 'Basic Ym9iOmh1bnRlcjI=',
        cookie: 'X-BackEndOverrideCookie=MBX-01~1; exchangecookie=abc',
        'set-cookie': ['X-BackEndOverrideCookie=MBX-01~1; path=/', 'exchangecookie=abc'],
      },
      { allow: ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'] },
    );
    expect(shown).toEqual({
      authorization: REDACTED,
      'proxy-authorization': REDACTED,
      cookie: REDACTED,
      'set-cookie': [REDACTED, REDACTED],
    });
  });

  it('shows only the scheme names of a challenge, never its token', () => {
    const shown = redactHeaders({
      'www-authenticate': [
        'Negotiate oYGgMIGdoAMKAQChCwYJKoZIgvcSAQICooGIBIGF',
        'NTLM',
        'Basic realm="mail.contoso.com"',
      ],
    });
    expect(shown['www-authenticate']).toEqual(['Negotiate …', 'NTLM …', 'Basic …']);
  });

  it('redacts tokens in a redirect location', () => {
    const shown = redactHeaders({ location: 'https://login.contoso.com/cb?code=0.AAAA-secret-code&state=x' });
    expect(shown.location).toBe(`https://login.contoso.com/cb?code=${REDACTED}&state=x`);
  });
});

describe('redactUrl', () => {
  it('removes user:password@', () => {
    expect(redactUrl('https://alice:s3cret@mail.contoso.com/EWS/Exchange.asmx')).toBe(
      `https://${REDACTED}@mail.contoso.com/EWS/Exchange.asmx`,
    );
  });

  it('redacts token-like query parameters by name or by shape', () => {
    const url = new URL('https://mail.contoso.com/EWS/Exchange.asmx');
    url.searchParams.set('access_token', 'short');
    url.searchParams.set('X-Amz-Signature', 'abc');
    url.searchParams.set('opaque', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2ln');
    url.searchParams.set('view', 'day');
    const out = redactUrl(url);
    expect(out).not.toContain('short');
    expect(out).not.toContain('eyJ0eXAi');
    expect(out).toContain('view=day');
    expect(out).toBe(
      `https://mail.contoso.com/EWS/Exchange.asmx?access_token=${REDACTED}&X-Amz-Signature=${REDACTED}&opaque=${REDACTED}&view=day`,
    );
  });

  it('keeps nothing of a string it cannot parse', () => {
    expect(redactUrl('not a url alice:pw')).toBe(REDACTED);
  });
});

describe('redactSecrets', () => {
  it('removes the secrets, their URL-encoded and base64 forms, longest first', () => {
    const text = 'pw=p@ss word; enc=p%40ss%20word; b64=cEBzcyB3b3Jk; user=alice';
    expect(redactSecrets(text, ['p@ss word', 'ss', ''])).toBe(
      `pw=${REDACTED}; enc=${REDACTED}; b64=${REDACTED}; user=alice`,
    );
  });

  it('removes credentials written after an auth scheme', () => {
    expect(redactSecrets('sent Authorization: Basic YWxpY2U6c2VjcmV0 to the server')).toBe(
      `sent Authorization: Basic ${REDACTED} to the server`,
    );
    expect(redactSecrets('Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.eyJhdWQi.sig')).toBe(`Bearer ${REDACTED}`);
    expect(redactSecrets('Digest username="alice", response="6629fae49393a05397450978507c4ef1"')).toBe(
      `Digest ${REDACTED}`,
    );
    expect(redactSecrets('Basic authentication failed')).toBe('Basic authentication failed');
  });
});
