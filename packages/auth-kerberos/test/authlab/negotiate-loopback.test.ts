import { EwsAuthError, EwsClient } from '@ews/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKerberosAuth } from '../../src/index.js';
import {
  type NegotiateServer,
  type NegotiateServerMode,
  startNegotiateServer,
} from '../support/negotiate-server.js';
import { kdestroy, kinit, requireKerberosLab } from './lab.js';

const GET_FOLDER =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/**
 * Real tickets from the lab's KDC (SPN HTTP@127.0.0.1), sent to a loopback server that plays
 * server behaviours Apache does not: forgetting the connection, and a forged final token.
 */
describe('createKerberosAuth against a loopback Negotiate server (tickets from the lab KDC)', () => {
  const servers: NegotiateServer[] = [];
  const clients: EwsClient[] = [];
  beforeAll(() => {
    kinit('alice', requireKerberosLab().password);
  });
  afterAll(() => {
    kdestroy();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
  });
  const setUp = async (mode: NegotiateServerMode) => {
    const server = await startNegotiateServer(mode);
    servers.push(server);
    const client = new EwsClient({ url: server.url, auth: createKerberosAuth(), allowInsecureHttp: true });
    clients.push(client);
    return { server, client };
  };
  const getFolder = (client: EwsClient) => client.send({ operation: 'GetFolder', body: GET_FOLDER });

  it('sends a fresh SPNEGO token on every request, and learns to send it up front', async () => {
    const { server, client } = await setUp('per-request');
    for (let i = 0; i < 4; i++) expect((await getFolder(client)).status).toBe(200);
    const statuses = server.exchanges.map((exchange) => exchange.status);
    // Call 1: 401 + token. Call 2: sent nothing (IIS keeps connections), got 401, learned. Calls 3-4: token up front.
    expect(statuses).toEqual([401, 200, 401, 200, 200, 200]);
    const tokens = server.exchanges.flatMap((exchange) => exchange.authorization ?? []);
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(4); // never replayed
    // An SPNEGO initial token is an ASN.1 [APPLICATION 0] (0x60): base64 "YI…".
    expect(tokens.every((token) => /^Negotiate YI[A-Za-z0-9+/]+=*$/.test(token))).toBe(true);
    expect(new Set(server.exchanges.map((exchange) => exchange.socket)).size).toBe(1);
  });

  it('refuses a response whose final Negotiate token does not verify (mutual authentication)', async () => {
    const { server, client } = await setUp('forged-final-token');
    const failure = await getFolder(client).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(EwsAuthError);
    expect((failure as EwsAuthError).message).toMatch(/Mutual authentication with HTTP@127\.0\.0\.1 failed/);
    expect((failure as EwsAuthError).requestFate).toBe('executed');
    expect(server.exchanges.map((exchange) => exchange.status)).toEqual([401, 200]);
  });

  it('with mutualAuth off, the same forged final token is ignored', async () => {
    const server = await startNegotiateServer('forged-final-token');
    servers.push(server);
    const client = new EwsClient({
      url: server.url,
      auth: createKerberosAuth({ mutualAuth: false }),
      allowInsecureHttp: true,
    });
    clients.push(client);
    expect((await getFolder(client)).status).toBe(200);
  });
});
