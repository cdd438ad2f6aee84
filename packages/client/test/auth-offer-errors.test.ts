import { EwsAuthError, EwsClient } from '@ews/core';
import { offerAuthServers } from '@ews-tools/test-support';
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
/** Servers that answer every request with 401 and the given WWW-Authenticate values; they count requests. */
const refusing = offerAuthServers();
afterEach(() => refusing.closeAll());

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
    const server = await refusing.start(offer);
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
