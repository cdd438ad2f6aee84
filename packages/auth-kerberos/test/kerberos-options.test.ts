import { createNtlmAuth } from '@ews/auth-ntlm';
import { EwsInvalidArgumentError, EwsUnsupportedError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { createKerberosAuth } from '../src/index.js';
import { defaultSpn, resolveKerberosOptions } from '../src/kerberos-options.js';

describe('createKerberosAuth options', () => {
  it.each([
    [{ spn: 'HTTP/mail.example.com' }, /service@host/],
    [{ spn: 'mail.example.com' }, /service@host/],
    [{ mutualAuth: 'yes' as unknown as boolean }, /mutualAuth/],
    [{ principal: 'alice smith' }, /principal/],
    [{ fallbackToNtlm: {} as never }, /AuthStrategy/],
    [{ loadAddon: 'kerberos' as never }, /loadAddon/],
  ])('rejects %o with EwsInvalidArgumentError', (options, message) => {
    expect(() => createKerberosAuth(options)).toThrow(EwsInvalidArgumentError);
    expect(() => createKerberosAuth(options)).toThrow(message);
  });

  it('refuses user/password credentials off Windows, where the addon cannot pass them to GSSAPI', () => {
    const credentials = { user: 'alice', password: 'Sekret-1', domain: 'EWS' };
    expect(() => resolveKerberosOptions({ credentials }, 'linux')).toThrow(EwsUnsupportedError);
    expect(() => resolveKerberosOptions({ credentials }, 'linux')).toThrow(/KRB5_CLIENT_KTNAME/);
    expect(resolveKerberosOptions({ credentials }, 'win32').credentials).toEqual(credentials);
  });

  it('accepts a full option set and defaults mutual authentication to on', () => {
    const fallback = createNtlmAuth({ username: 'EWS\\alice', password: 'Alice-Passw0rd' });
    const resolved = resolveKerberosOptions(
      { spn: 'HTTP@mail.example.com', principal: 'alice@EXAMPLE.COM', fallbackToNtlm: fallback },
      'linux',
    );
    expect(resolved).toMatchObject({
      spn: 'HTTP@mail.example.com',
      principal: 'alice@EXAMPLE.COM',
      mutualAuth: true,
    });
    expect(resolved.fallback).toBe(fallback);
    expect(resolveKerberosOptions({ mutualAuth: false }, 'linux').mutualAuth).toBe(false);
  });

  it('derives the SPN HTTP@host from the URL, without port or IPv6 brackets', () => {
    expect(defaultSpn(new URL('https://mail.example.com:8443/EWS/Exchange.asmx'))).toBe(
      'HTTP@mail.example.com',
    );
    expect(defaultSpn(new URL('http://[::1]:8080/EWS/Exchange.asmx'))).toBe('HTTP@::1');
  });

  it('is an auth strategy bound to the connection, that sends no reusable secret', () => {
    const strategy = createKerberosAuth();
    expect(strategy).toMatchObject({
      scheme: 'Negotiate',
      binding: 'connection',
      sendsReusableSecret: false,
    });
  });
});
