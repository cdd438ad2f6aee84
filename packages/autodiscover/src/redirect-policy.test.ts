import { describe, expect, it } from 'vitest';
import { checkRedirectPolicy } from './redirect-policy.js';

const check = (url: string, policy = {}) => checkRedirectPolicy(new URL(url), 'contoso.test', policy);

describe('checkRedirectPolicy', () => {
  it('allows the domain and its subdomains over https only', async () => {
    expect(await check('https://contoso.test/a')).toEqual({ allowed: true });
    expect(await check('https://autodiscover.contoso.test/a')).toEqual({ allowed: true });
    expect(await check('https://autodiscover.contoso.test./a')).toEqual({ allowed: true });
    expect(await check('http://contoso.test/a')).toMatchObject({
      allowed: false,
      reason: 'http: is not https',
    });
  });

  it('does not mistake look-alike hosts for the domain', async () => {
    for (const url of [
      'https://evilcontoso.test/',
      'https://contoso.test.evil.test/',
      'https://contoso.testx/',
    ]) {
      expect(await check(url)).toMatchObject({ allowed: false });
    }
  });

  it('refuses URLs carrying user info', async () => {
    expect(await check('https://u:p@contoso.test/')).toMatchObject({
      allowed: false,
      reason: 'the URL carries user info',
    });
  });

  it('honours sameDomain: false, allowHosts patterns and the allow() callback', async () => {
    expect(await check('https://contoso.test/', { sameDomain: false })).toMatchObject({ allowed: false });
    expect(
      await check('https://autodiscover-s.outlook.com/', { allowHosts: ['autodiscover-s.outlook.com'] }),
    ).toEqual({ allowed: true });
    expect(await check('https://a.b.hoster.test/', { allowHosts: ['*.hoster.test'] })).toEqual({
      allowed: true,
    });
    expect(await check('https://hoster.test/', { allowHosts: ['*.hoster.test'] })).toMatchObject({
      allowed: false,
    });
    expect(await check('https://x.test/', { allow: async (url: URL) => url.hostname === 'x.test' })).toEqual({
      allowed: true,
    });
    expect(await check('http://x.test/', { allow: () => true })).toMatchObject({ allowed: false });
  });
});
