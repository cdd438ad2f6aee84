import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';

/*
 * Issue 12, defect 11: `https://user:pw@host/…` is not sent (undici ignores user info), yet the
 * client kept it in its `url`, so util.inspect and JSON.stringify printed the password. A URL
 * with credentials is now refused, saying where credentials go; and the client shows nothing
 * secret whatever it holds.
 */

const PASSWORD = 'S3cret-Passw0rd!';

function refusal(url: string | URL): EwsError {
  try {
    new EwsClient({ url });
  } catch (error) {
    if (EwsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the URL was accepted');
}

describe('credentials in the endpoint URL', () => {
  it.each([
    `https://alice:${PASSWORD}@mail.example.com/EWS/Exchange.asmx`,
    `https://:${PASSWORD}@mail.example.com/EWS/Exchange.asmx`,
    `http://CONTOSO%5Calice:${encodeURIComponent(PASSWORD)}@mail.example.com/EWS/Exchange.asmx`,
    'https://alice@mail.example.com/EWS/Exchange.asmx',
  ])('refuses %s without repeating it, and says to use auth', (url) => {
    for (const given of [url, new URL(url)]) {
      const error = refusal(given);
      expect(error.code).toBe('EWS_INVALID_ARGUMENT');
      expect(error.message).toMatch(/must not contain a user name or password.*createBasicAuth/);
      for (const shown of [error.message, String(error.stack), inspect(error, { showHidden: true })]) {
        expect(shown).not.toContain(PASSWORD);
        expect(shown).not.toContain(encodeURIComponent(PASSWORD));
        expect(shown).not.toContain('alice');
      }
    }
  });

  it('refuses what is not an http(s) URL, without repeating it', () => {
    for (const url of [`ftp://alice:${PASSWORD}@host/`, `not a url ${PASSWORD}`]) {
      const error = refusal(url);
      expect(error.message).toBe('options.url must be an http(s) URL of the EWS endpoint');
      expect(error.cause).toBeUndefined();
    }
  });
});

describe('how a client shows itself', () => {
  it('util.inspect, console and JSON.stringify show the endpoint, never the auth or its password', async () => {
    await using client = new EwsClient({
      url: 'https://mail.example.com/EWS/Exchange.asmx?token=abcdefabcdefabcdefabcdefabcdefabcdef',
      auth: createBasicAuth({ username: 'alice', password: PASSWORD }),
    });
    const shown = [
      inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect({ client }, { depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(client),
      JSON.stringify({ client }),
    ];
    for (const text of shown) {
      expect(text).toContain('mail.example.com/EWS/Exchange.asmx');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('abcdefabcdef');
    }
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      url: 'https://mail.example.com/EWS/Exchange.asmx?token=REDACTED',
      requestVersion: 'Exchange2013_SP1',
    });
  });
});
