import { EwsClient, EwsUnsupportedError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { createKerberosAuth } from '../src/index.js';
import { loadKerberosAddon } from '../src/kerberos-addon.js';
import { startNegotiateServer } from './support/negotiate-server.js';

// A package that is certainly not installed: import() fails exactly as for a missing addon.
const MISSING = '@ews-test/no-such-kerberos-addon';
const importMissing = () => import(/* @vite-ignore */ MISSING);

describe('loading the optional kerberos addon', () => {
  it('loads the real addon (built here from source against libkrb5-dev)', async () => {
    const addon = await loadKerberosAddon(() => import('kerberos'));
    expect(typeof addon.initializeClient).toBe('function');
    expect(addon.GSS_MECH_OID_SPNEGO).toBe(6);
  });

  it('a missing addon is an EwsUnsupportedError naming the package and libkrb5-dev', async () => {
    const failure = await loadKerberosAddon(importMissing).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsUnsupportedError);
    expect((failure as EwsUnsupportedError).code).toBe('EWS_UNSUPPORTED');
    expect((failure as Error).message).toContain('npm install kerberos@^7');
    expect((failure as Error).message).toContain('apt-get install libkrb5-dev');
  });

  it('a module without initializeClient is refused too', async () => {
    await expect(loadKerberosAddon(async () => ({ default: { version: '1' } }))).rejects.toThrow(
      /does not look like kerberos@\^7/,
    );
  });

  it('is not loaded at import or creation, only when a server asks for Negotiate', async () => {
    let loads = 0;
    const strategy = createKerberosAuth({
      loadAddon: () => {
        loads += 1;
        return importMissing();
      },
    });
    expect(loads).toBe(0);
    const server = await startNegotiateServer('per-request');
    const client = new EwsClient({ url: server.url, auth: strategy, allowInsecureHttp: true });
    try {
      const failure = await client
        .send({ operation: 'GetFolder', body: '<m:GetFolder/>' })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EwsUnsupportedError);
      expect((failure as Error).message).toContain('libkrb5-dev');
      expect(loads).toBe(1);
      expect(server.exchanges).toHaveLength(1); // one 401, then a clear error: no retry storm
    } finally {
      await client.close();
      await server.close();
    }
  });
});
