import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EwsAuthError, EwsClient } from '@ews/core';
import { afterEach, describe, expect, it } from 'vitest';
import { offerDetectingAuth } from '../src/discovery-auth.js';
import { Credentials } from '../src/index.js';

// Issue 12, defect 13: a 401 offering only Negotiate or only Bearer made detection fail with
// `offeredSchemes: []` and a message naming neither. Every failure now lists what was offered
// (every WWW-Authenticate header, never a token), names the package to install, and counts
// the requests actually sent. The probe's cases and the Digest/Negotiate ones test core's
// detection and live in packages/core/test/auth/detection.test.ts; here, the NTLM package the
// client composes in.

const PASSWORD = 'Not-The-Passw0rd!';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** Answers every request with 401 and these WWW-Authenticate values; counts requests. */
async function refusing(offer: readonly string[]): Promise<{ url: URL; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-length': '0', 'www-authenticate': [...offer] });
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/EWS/Exchange.asmx`), requests: () => requests };
}

async function rejection(promise: Promise<unknown>): Promise<EwsAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EwsAuthError)) throw new Error(`expected EwsAuthError, got ${String(error)}`);
  return error;
}

describe('OfferDetectingAuth (discovery without authType): the offer and the count', () => {
  const send = async (offer: readonly string[]) => {
    const server = await refusing(offer);
    const ews = new EwsClient({
      url: server.url.href,
      auth: offerDetectingAuth(new Credentials('alice@contoso.test', PASSWORD)),
    });
    try {
      const error = await rejection(ews.send({ operation: 'GetFolder', body: '<m:GetFolder/>' }));
      return { error, requests: server.requests() };
    } finally {
      await ews.close();
    }
  };

  it('NTLM refused: the message counts the requests the server saw', async () => {
    const { error, requests } = await send(['NTLM']);
    // The probe, then NTLM's NEGOTIATE: a bare NTLM answer to it ends the handshake.
    expect(requests).toBe(2);
    expect(error.message).toMatch(new RegExp(`after ${requests} request\\(s\\)`));
    expect(error.message).toContain('it offers: NTLM (install @ews/auth-ntlm).');
  });
});
