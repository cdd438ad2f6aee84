import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { EwsAuthError, EwsClient } from '@ews/core';
import { afterEach, describe, expect, it } from 'vitest';
import { probeAuthType } from '../src/detect-auth.js';
import { Credentials } from '../src/index.js';
import { OfferDetectingAuth } from '../src/offer-detecting-auth.js';

// Issue 12, defect 13: a 401 offering only Negotiate or only Bearer made detection fail with
// `offeredSchemes: []` and a message naming neither. Every failure now lists what was offered
// (every WWW-Authenticate header, never a token), names the package to install, and counts
// the requests actually sent.

const PASSWORD = 'Not-The-Passw0rd!';
const TOKEN =
  'YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCg==';
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

describe('probeAuthType (Configuration without authType): what the server offered', () => {
  const cases: readonly [string, readonly string[], readonly string[], readonly string[]][] = [
    ['only Negotiate', ['Negotiate'], ['Negotiate'], ['Negotiate (install @ews/auth-kerberos)']],
    [
      'only Bearer (no Modern Auth hint)',
      ['Bearer authorization_uri="https://login.example/authorize", error="invalid_token"'],
      ['Bearer'],
      ['Bearer (install @ews/auth-oauth2)'],
    ],
    ['an unknown scheme', ['X-Acme-Token realm="r"'], ['X-Acme-Token'], ['X-Acme-Token (not supported)']],
    [
      'Negotiate with a token and Bearer, comma-joined and in two headers',
      [`Negotiate ${TOKEN}, Bearer realm=""`, 'negotiate'],
      ['Negotiate', 'Bearer'],
      ['Negotiate (install @ews/auth-kerberos), Bearer (install @ews/auth-oauth2)'],
    ],
    ['no WWW-Authenticate at all', [], [], ['offers no scheme']],
  ];

  it.each(cases)('%s', async (_name, offer, schemes, texts) => {
    const server = await refusing(offer);
    const error = await rejection(probeAuthType(server.url, undefined, new AbortController().signal));
    expect(error.code).toBe('EWS_AUTH');
    expect(error.offeredSchemes).toEqual(schemes);
    for (const text of texts) expect(error.message).toContain(text);
    expect(`${error.message} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    expect(server.requests()).toBe(1);
  });
});

describe('OfferDetectingAuth (discovery without authType): the offer and the count', () => {
  const send = async (offer: readonly string[]) => {
    const server = await refusing(offer);
    const ews = new EwsClient({
      url: server.url.href,
      auth: new OfferDetectingAuth(new Credentials('alice@contoso.test', PASSWORD)),
    });
    try {
      const error = await rejection(ews.send({ operation: 'GetFolder', body: '<m:GetFolder/>' }));
      return { error, requests: server.requests() };
    } finally {
      await ews.close();
    }
  };

  it('only Negotiate: refused after the probe, naming @ews/auth-kerberos', async () => {
    const { error, requests } = await send(['Negotiate']);
    expect(requests).toBe(1);
    expect(error.offeredSchemes).toEqual(['Negotiate']);
    expect(error.message).toContain('offers Negotiate (install @ews/auth-kerberos)');
  });

  it('Digest refused: the message counts the 2 requests the server saw', async () => {
    const { error, requests } = await send([
      'Digest realm="EWS", nonce="n0nce", qop="auth"',
      `Negotiate ${TOKEN}`,
    ]);
    expect(requests).toBe(2);
    expect(error.message).toContain('refused Digest authentication after 2 request(s)');
    expect(error.offeredSchemes).toEqual(['Digest', 'Negotiate']);
    expect(error.message).toContain('it offers: Digest, Negotiate (install @ews/auth-kerberos).');
    expect(`${error.message} ${inspect(error)}`).not.toContain(TOKEN);
    expect(`${error.message} ${inspect(error)}`).not.toContain(PASSWORD);
  });

  it('NTLM refused: the message counts the requests the server saw', async () => {
    const { error, requests } = await send(['NTLM']);
    // The probe, then NTLM's NEGOTIATE: a bare NTLM answer to it ends the handshake.
    expect(requests).toBe(2);
    expect(error.message).toMatch(new RegExp(`after ${requests} request\\(s\\)`));
    expect(error.message).toContain('it offers: NTLM (install @ews/auth-ntlm).');
  });
});
