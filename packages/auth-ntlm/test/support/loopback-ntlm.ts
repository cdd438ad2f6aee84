import { type AuthStrategy, EwsClient } from '@ews/core';
import { type NtlmSignIn, startTestServer, type TestServer } from '@ews/test-server';
import { afterEach } from 'vitest';

// What the loopback NTLM tests share: one EWS body, cleanup after each test, a wait for a
// condition, and @ews/test-server with NTLM over https beside an EwsClient that reports closes.

export const PASSWORD = 'Alice-Demo-2016!';

export const GET_FOLDER =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

export type Cleanup = () => Promise<void> | void;
export type Defer = (cleanup: Cleanup) => void;

/** Runs what the test deferred after each test, last deferred first. Call it once at a file's top level. */
export function cleanupAfterEach(): Defer {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ObservedNtlmServer {
  readonly server: TestServer;
  readonly signIns: NtlmSignIn[];
  readonly refused: string[];
}

export interface NtlmServerOptions {
  readonly keepAliveTimeoutMs?: number;
  readonly port?: number;
  readonly tls?: { cert: string; key: string };
}

/** The test server with NTLM over https and its DEFAULT channel binding mode (no `channelBinding`). */
export async function ntlmServer(defer: Defer, options: NtlmServerOptions = {}): Promise<ObservedNtlmServer> {
  const signIns: NtlmSignIn[] = [];
  const refused: string[] = [];
  const server = await startTestServer({
    tls: options.tls ?? true,
    auth: ['ntlm'],
    ntlm: { onSignedIn: (signIn) => signIns.push(signIn), onRefused: (reason) => refused.push(reason) },
    ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeoutMs: options.keepAliveTimeoutMs }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  defer(() => server.close());
  return { server, signIns, refused };
}

/** An EwsClient with `auth` that trusts `ca`: `call()` sends GET_FOLDER, `closed` lists the ids of closed sockets. */
export function getFolderClient(defer: Defer, url: string, ca: string | string[], auth: AuthStrategy) {
  const closed: number[] = [];
  const ews = new EwsClient({
    url,
    auth,
    tls: { ca },
    transport: { onConnectionClosed: (info) => closed.push(info.id) },
  });
  defer(() => ews.close());
  const call = () => ews.send({ operation: 'GetFolder', body: GET_FOLDER });
  return { call, closed };
}
