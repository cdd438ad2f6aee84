import { EwsAuthError, EwsClient } from '@ews/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNtlmAuth } from '../../src/index.js';
import { type AccessLine, type NtlmLab, requireNtlmLab, settledLog, watchAccessLog } from './lab.js';

const GET_FOLDER =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/** Through the real @ews/core client (undici transport, auth policy leasing one connection per call). */
describe('EwsClient + createNtlmAuth against gss-ntlmssp (tools/authlab, endpoint NTLM)', () => {
  let lab: NtlmLab;
  let accessLog: () => AccessLine[];
  const clients: EwsClient[] = [];
  beforeEach(() => {
    lab = requireNtlmLab();
    accessLog = watchAccessLog(lab.accessLog, lab.url);
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
  const getFolder = (client: EwsClient) => client.send({ operation: 'GetFolder', body: GET_FOLDER });

  it('warm-up costs 2 requests; then every call is ONE request on the SAME connection, as EWS\\alice', async () => {
    const client = clientFor('EWS\\alice', lab.password);
    const first = await getFolder(client);
    expect(first.operation).toBe('GetFolder');
    expect(first.status).toBe(200);
    const calls = 10;
    for (let i = 0; i < calls; i++) expect((await getFolder(client)).status).toBe(200);
    const log = await settledLog(accessLog, { atLeast: 2 + calls });
    // 2 requests for the first call (NEGOTIATE -> 401 CHALLENGE, AUTHENTICATE -> 200), 1 per call after.
    expect(log).toHaveLength(2 + calls);
    expect(log.map((line) => line.status)).toEqual([401, ...Array<number>(1 + calls).fill(200)]);
    // One TCP connection for the handshake and all the calls: no new connection after warm-up.
    expect(new Set(log.map((line) => line.client)).size).toBe(1);
    expect(log.map((line) => line.keepAlive)).toEqual(Array.from({ length: 2 + calls }, (_, i) => i));
    expect(log.slice(1).every((line) => line.user === 'EWS\\\\alice')).toBe(true);
  });

  it('concurrent calls each authenticate their connection once, then cost one request each', async () => {
    const client = clientFor('EWS\\alice', lab.password);
    await Promise.all([1, 2, 3].map(() => getFolder(client)));
    // 3 calls on 1 to 3 sockets: each socket's first call costs 2 requests, so at least 4 lines.
    const warmUp = await settledLog(accessLog, { atLeast: 4 });
    const sockets = new Set(warmUp.map((line) => line.client)).size;
    expect(warmUp).toHaveLength(2 * sockets + (3 - sockets));
    await Promise.all([1, 2, 3].map(() => getFolder(client)));
    const log = await settledLog(accessLog, { atLeast: warmUp.length + 3 });
    expect(log.length - warmUp.length).toBe(3);
    expect(new Set(log.map((line) => line.client)).size).toBe(sockets); // no new connection
  });

  it('a wrong password ends in EwsAuthError after 2 requests (no retry storm)', async () => {
    const failure = await getFolder(clientFor('EWS\\alice', 'not-the-password')).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EwsAuthError);
    expect((failure as EwsAuthError).code).toBe('EWS_AUTH');
    expect((failure as EwsAuthError).message).not.toContain('not-the-password');
    expect(await settledLog(accessLog, { atLeast: 2 })).toHaveLength(2);
  });

  it('works where the server offers Negotiate and NTLM (Exchange default)', async () => {
    const client = clientFor('EWS\\alice', lab.password, lab.negotiateUrl);
    const negotiateLog = watchAccessLog(lab.accessLog, lab.negotiateUrl);
    expect((await getFolder(client)).status).toBe(200);
    expect((await getFolder(client)).status).toBe(200);
    expect((await settledLog(negotiateLog, { atLeast: 3 })).map((line) => line.status)).toEqual([
      401, 200, 200,
    ]);
  });
});
