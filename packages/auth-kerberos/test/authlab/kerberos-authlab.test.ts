import { createNtlmAuth } from '@ews/auth-ntlm';
import { EwsAuthError, EwsClient, type EwsResponse } from '@ews/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKerberosAuth, type KerberosAuthOptions } from '../../src/index.js';
import {
  type AccessLine,
  type KerberosLab,
  kdestroy,
  kinit,
  requireKerberosLab,
  settledLog,
  watchAccessLog,
} from './lab.js';

const GET_FOLDER =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/** The lab's EWS stand-in answers "authenticated as [user] via [scheme]". */
function authenticatedAs(response: EwsResponse): string | undefined {
  return /authenticated as \[([^\]]*)\] via \[([^\]]*)\]/.exec(response.messages[0]?.messageText ?? '')?.[1];
}

/** Through the real @ews/core client (undici transport, one leased connection per call). */
describe('EwsClient + createKerberosAuth against MIT Kerberos + mod_auth_gssapi (tools/authlab)', () => {
  let lab: KerberosLab;
  const clients: EwsClient[] = [];
  beforeAll(() => {
    lab = requireKerberosLab();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  const clientFor = (url: string, options: KerberosAuthOptions = {}): EwsClient => {
    const client = new EwsClient({ url, auth: createKerberosAuth(options), allowInsecureHttp: true });
    clients.push(client);
    return client;
  };
  const ntlmFallback = () => createNtlmAuth({ username: 'EWS\\alice', password: lab.password });
  const getFolder = (client: EwsClient) => client.send({ operation: 'GetFolder', body: GET_FOLDER });
  const failureOf = (client: EwsClient) =>
    getFolder(client).then(
      () => undefined,
      (error: unknown) => error,
    );

  describe('with alice@EWS.TEST in the ticket cache', () => {
    beforeAll(() => {
      kinit('alice', lab.password);
    });
    afterAll(() => {
      kdestroy();
    });

    it('reaches the backend as alice@EWS.TEST; after warm-up ONE request per call and no new connection', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateUrl);
      const client = clientFor(lab.negotiateUrl);
      const first = await getFolder(client);
      expect(first.status).toBe(200);
      expect(authenticatedAs(first)).toBe(`alice@${lab.realm}`);
      const warmUp = await settledLog(log, { atLeast: 2 });
      // 401 offering Negotiate, then the token: 2 requests, 1 connection.
      expect(warmUp.map((line) => line.status)).toEqual([401, 200]);
      const calls = 10;
      for (let i = 0; i < calls; i++)
        expect(authenticatedAs(await getFolder(client))).toBe(`alice@${lab.realm}`);
      const after = (await settledLog(log, { atLeast: warmUp.length + calls })).slice(warmUp.length);
      // Counted: requests per call after warm-up = 1, new connections = 0.
      expect(after).toHaveLength(calls);
      expect(
        after.every((line: AccessLine) => line.status === 200 && line.user === `alice@${lab.realm}`),
      ).toBe(true);
      expect(new Set((await settledLog(log)).map((line) => line.client)).size).toBe(1);
      expect((await settledLog(log)).map((line) => line.keepAlive)).toEqual(
        Array.from({ length: 2 + calls }, (_, i) => i),
      );
    });

    it('concurrent calls authenticate each connection once (fresh tokens: the replay cache accepts all)', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateUrl);
      const client = clientFor(lab.negotiateUrl);
      const first = await Promise.all([1, 2, 3].map(() => getFolder(client)));
      expect(first.map(authenticatedAs)).toEqual(Array(3).fill(`alice@${lab.realm}`));
      // 3 calls on 1 to 3 connections, each first call 2 requests: at least 4 lines.
      const warmUp = await settledLog(log, { atLeast: 4 });
      const sockets = new Set(warmUp.map((line) => line.client)).size;
      expect(warmUp.filter((line) => line.status === 401)).toHaveLength(sockets);
      await Promise.all([1, 2, 3].map(() => getFolder(client)));
      const after = (await settledLog(log, { atLeast: warmUp.length + 3 })).slice(warmUp.length);
      expect(after).toHaveLength(3);
      expect(new Set((await settledLog(log)).map((line) => line.client)).size).toBe(sockets);
    });

    it('verifies the server final token (mutual authentication) and still works with mutualAuth off', async () => {
      const debug: string[] = [];
      const logger = { debug: (message: string) => debug.push(message), info() {}, warn() {}, error() {} };
      const client = new EwsClient({
        url: lab.negotiateUrl,
        auth: createKerberosAuth({ mutualAuth: true, spn: 'HTTP@localhost' }),
        allowInsecureHttp: true,
        logger,
      });
      clients.push(client);
      expect(authenticatedAs(await getFolder(client))).toBe(`alice@${lab.realm}`);
      // Apache sent a final token and it verified (a forged one fails: negotiate-loopback.test.ts).
      expect(debug.filter((line) => line.includes('mutual authentication not checked'))).toEqual([]);
      const plain = await getFolder(clientFor(lab.negotiateUrl, { mutualAuth: false }));
      expect(authenticatedAs(plain)).toBe(`alice@${lab.realm}`);
    });

    it('prefers Kerberos where the server offers Negotiate and NTLM, even with an NTLM fallback', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateNtlmUrl);
      const client = clientFor(lab.negotiateNtlmUrl, { fallbackToNtlm: ntlmFallback() });
      expect(authenticatedAs(await getFolder(client))).toBe(`alice@${lab.realm}`);
      expect(authenticatedAs(await getFolder(client))).toBe(`alice@${lab.realm}`);
      expect((await settledLog(log, { atLeast: 3 })).map((line) => line.status)).toEqual([401, 200, 200]);
    });

    it('hands a server that offers only NTLM to the fallback, ticket or not', async () => {
      const url = lab.ntlmOnlyUrl;
      if (!url) throw new Error('the lab has no NTLM endpoint (tools/authlab/endpoints/ntlm.sh)');
      let addonLoads = 0;
      const client = clientFor(url, {
        fallbackToNtlm: ntlmFallback(),
        loadAddon: () => {
          addonLoads += 1;
          return import('kerberos');
        },
      });
      expect(authenticatedAs(await getFolder(client))).toBe('EWS\\alice');
      expect(authenticatedAs(await getFolder(client))).toBe('EWS\\alice');
      expect(addonLoads).toBe(0); // Kerberos was never tried: the server did not offer Negotiate
      const failure = await failureOf(clientFor(url));
      expect(failure).toBeInstanceOf(EwsAuthError);
      expect((failure as EwsAuthError).offeredSchemes).toEqual(['NTLM']);
    });

    it('an SPN the KDC does not know ends in EwsAuthError that names it, after one request', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateUrl);
      const failure = await failureOf(clientFor(lab.negotiateUrl, { spn: 'HTTP@unknown-host.ews.test' }));
      expect(failure).toBeInstanceOf(EwsAuthError);
      expect((failure as EwsAuthError).message).toContain('HTTP@unknown-host.ews.test');
      expect((failure as EwsAuthError).message).toMatch(/not found in Kerberos database/);
      expect(await settledLog(log, { atLeast: 1 })).toHaveLength(1);
    });
  });

  describe('without a ticket', () => {
    beforeEach(() => {
      kdestroy();
    });

    it('ends in EwsAuthError naming the offered schemes and kinit, after a bounded number of requests', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateUrl);
      const failure = await failureOf(clientFor(lab.negotiateUrl));
      expect(failure).toBeInstanceOf(EwsAuthError);
      const error = failure as EwsAuthError;
      expect(error.code).toBe('EWS_AUTH');
      expect(error.offeredSchemes).toEqual(['Negotiate']);
      expect(error.attemptedScheme).toBe('Negotiate');
      expect(error.message).toContain('kinit');
      expect(await settledLog(log, { atLeast: 1 })).toHaveLength(1);
    });

    it('without a fallback, the Negotiate+NTLM endpoint fails naming both schemes', async () => {
      const failure = await failureOf(clientFor(lab.negotiateNtlmUrl));
      expect(failure).toBeInstanceOf(EwsAuthError);
      expect((failure as EwsAuthError).offeredSchemes).toEqual(['Negotiate', 'NTLM']);
    });

    it('falls back to NTLM on the Negotiate+NTLM endpoint; then one request per call on one connection', async () => {
      const log = watchAccessLog(lab.accessLog, lab.negotiateNtlmUrl);
      const client = clientFor(lab.negotiateNtlmUrl, { fallbackToNtlm: ntlmFallback() });
      expect(authenticatedAs(await getFolder(client))).toBe('EWS\\alice');
      const warmUp = await settledLog(log, { atLeast: 3 });
      expect(warmUp.map((line) => line.status)).toEqual([401, 401, 200]);
      for (let i = 0; i < 5; i++) expect(authenticatedAs(await getFolder(client))).toBe('EWS\\alice');
      expect((await settledLog(log, { atLeast: warmUp.length + 5 })).slice(warmUp.length)).toHaveLength(5);
      expect(new Set((await settledLog(log)).map((line) => line.client)).size).toBe(1);
    });
  });
});
