import { describe, expect, it } from 'vitest';
import { bodyExcerpt } from '../../src/errors/body-excerpt.js';

describe('bodyExcerpt', () => {
  it('collapses whitespace and control characters into one short line', () => {
    expect(bodyExcerpt('\uFEFF  Service\r\n\tUnavailable\u0000\u0007  ')).toBe('Service Unavailable');
  });

  it('cuts long bodies with an ellipsis', () => {
    const excerpt = bodyExcerpt('x'.repeat(10_000), 50);
    expect(excerpt).toHaveLength(50);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it.each([
    ['Authorization: Basic YWxpY2U6UzNjcmV0', 'YWxpY2U6UzNjcmV0'],
    ['Bearer eyJ0eXAiOiJKV1QiLCJhbGc.abc', 'eyJ0eXAiOiJKV1QiLCJhbGc'],
    ['WWW-Authenticate: NTLM TlRMTVNTUAACAAAADAAMADgAAAAF', 'TlRMTVNTUAACAAAADAAMADgAAAAF'],
    ['password=Hunter2!&user=bob', 'Hunter2'],
    ['{"access_token": "abc.def.ghi"}', 'abc.def.ghi'],
    ['Cookie: X-BackEndCookie=s3cret-cookie', 's3cret-cookie'],
    ['<input name="pwd" value="x"> pwd=topsecret', 'topsecret'],
  ])('masks %s', (body, secret) => {
    const excerpt = bodyExcerpt(`Error page: ${body} end`);
    expect(excerpt).not.toContain(secret);
    expect(excerpt).toContain('[redacted]');
    expect(excerpt).toMatch(/^Error page: /);
  });

  it('is empty for an empty body', () => {
    expect(bodyExcerpt('')).toBe('');
  });
});
