import { truncateSync } from 'node:fs';
import { EwsAuthError, EwsClient } from '@ews/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../../src/index.js';
import { type LabEndpoint, readAccessLog, readEndpoint } from './lab.js';

const GET_FOLDER =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/** Through the real @ews/core client (undici transport, auth policy leasing one connection per call). */
describe('EwsClient + createNtlmAuth against gss-ntlmssp (tools/authlab-ntlm)', () => {
  let lab: LabEndpoint;
  const clients: EwsClient[] = [];
  beforeEach(() => {
    lab = readEndpoint();
    truncateSync(lab.access_log, 0);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  const clientFor = (username: string, password: string, url = lab.url): EwsClient => {
    // NTLM sends no reusable secret, so plain http needs no allowInsecureHttp.
    const client = new EwsClient({ url, auth: createNtlmAuth({ username, password }) });
    clients.push(client);
    return client;
  };

  it('warm-up costs 2 requests; then every call is ONE request on the SAME connection, as EWS\\alice', async () => {
    const client = clientFor('EWS\\alice', lab.users.alice ?? '');
    const first = await client.send({ operation: 'GetFolder', body: GET_FOLDER });
    expect(first.operation).toBe('GetFolder');
    expect(first.status).toBe(200);
    const calls = 10;
    for (let i = 0; i < calls; i++) {
      const next = await client.send({ operation: 'GetFolder', body: GET_FOLDER });
      expect(next.status).toBe(200);
    }
    const log = readAccessLog(lab.access_log);
    // 2 requests for the first call (NEGOTIATE -> 401 CHALLENGE, AUTHENTICATE -> 200), 1 per call after.
    expect(log).toHaveLength(2 + calls);
    expect(log.map((line) => line.status)).toEqual([401, ...Array<number>(1 + calls).fill(200)]);
    // One TCP connection for the handshake and all the calls (no new connection after warm-up).
    expect(new Set(log.map((line) => line.client)).size).toBe(1);
    expect(log.map((line) => line.keepAlive)).toEqual(Array.from({ length: 2 + calls }, (_, i) => i));
    expect(log.slice(1).every((line) => line.user === 'EWS\\\\alice')).toBe(true);
  });

  it('concurrent calls each lease their own connection and each authenticate once', async () => {
    const client = clientFor('EWS\\alice', lab.users.alice ?? '');
    await Promise.all([1, 2, 3].map(() => client.send({ operation: 'GetFolder', body: GET_FOLDER })));
    const afterWarmUp = readAccessLog(lab.access_log).length;
    await Promise.all([1, 2, 3].map(() => client.send({ operation: 'GetFolder', body: GET_FOLDER })));
    const log = readAccessLog(lab.access_log);
    const sockets = new Set(log.map((line) => line.client));
    expect(sockets.size).toBeLessThanOrEqual(3);
    expect(afterWarmUp).toBe(2 * sockets.size + (3 - sockets.size));
    expect(log.length - afterWarmUp).toBe(3); // warm connections: one request per call
  });

  it('a wrong password ends in EwsAuthError after 2 requests (no retry storm)', async () => {
    const client = clientFor('EWS\\alice', 'not-the-password');
    const failure = await client.send({ operation: 'GetFolder', body: GET_FOLDER }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsAuthError);
    expect((failure as EwsAuthError).code).toBe('EWS_AUTH');
    expect((failure as EwsAuthError).message).not.toContain('not-the-password');
    expect(readAccessLog(lab.access_log)).toHaveLength(2);
  });

  it('works where the server offers Negotiate and NTLM (Exchange default)', async () => {
    const client = clientFor('EWS\\alice', lab.users.alice ?? '', lab.negotiate_url);
    expect((await client.send({ operation: 'GetFolder', body: GET_FOLDER })).status).toBe(200);
    expect((await client.send({ operation: 'GetFolder', body: GET_FOLDER })).status).toBe(200);
    expect(readAccessLog(lab.access_log).map((line) => line.status)).toEqual([401, 200, 200]);
  });
});
