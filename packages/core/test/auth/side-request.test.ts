import { describe, expect, it } from 'vitest';
import { createBearerAuth } from '../../src/auth/bearer.js';
import type { SendSideRequest } from '../../src/auth/strategy.js';
import { createTokenCycler } from '../../src/auth/token-cycler.js';
import { EwsClient } from '../../src/client/ews-client.js';
import type { LogFields, Logger } from '../../src/logging/logger.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';
import { fakeEwsPerTest, GET_INBOX } from '../helpers/fake-ews-per-test.js';

// AuthContext.sideRequest: a strategy's token requests go through the client's own transport
// (same proxy, TLS, user agent) and logger. A refreshing Bearer source is handed it by core.

const startFakeEws = fakeEwsPerTest();

describe('sideRequest', () => {
  it("hands a refreshing Bearer source the client's transport and logger for its token request", async () => {
    const server = await startFakeEws((request) =>
      request.url === '/token'
        ? { headers: { 'content-type': 'application/json' }, body: '{"access_token":"tok-123"}' }
        : { body: getFolderInboxResponse() },
    );
    const lines: { message: string; fields?: LogFields | undefined }[] = [];
    const logger: Logger = {
      debug: (message, fields) => lines.push({ message, fields }),
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    const auth = createBearerAuth({
      getToken: async ({ sideRequest }) => {
        if (!sideRequest) throw new Error('no side request was handed over');
        const answer = await sideRequest({
          url: new URL('/token', server.url),
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_secret=s3cret-value',
        });
        return { token: (JSON.parse(answer.body) as { access_token: string }).access_token };
      },
    });
    const ews = new EwsClient({
      url: server.url,
      auth,
      logger,
      allowInsecureHttp: true,
      negotiateVersion: false,
    });
    try {
      await ews.send({ operation: 'GetFolder', body: GET_INBOX });
    } finally {
      await ews.close();
    }
    const [token, call] = server.requests;
    expect(token?.url).toBe('/token');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers['user-agent']).toMatch(/^ews-ts\//); // the transport's user agent
    expect(token?.headers.authorization).toBeUndefined(); // side requests carry no auth
    expect(call?.headers.authorization).toBe('Bearer tok-123');
    const side = lines.filter((line) => line.fields?.operation === 'AuthSideRequest');
    expect(side.map((line) => line.message)).toEqual(['ews: request', 'ews: response']);
    expect(JSON.stringify(lines)).not.toContain('s3cret-value');
  });

  it('a shared refresh sends its side requests with its own signal, so one waiter leaving does not end it', async () => {
    const signals: AbortSignal[] = [];
    let finish: (() => void) | undefined;
    const side: SendSideRequest = async (request) => {
      if (request.signal) signals.push(request.signal);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return { status: 200, headers: {}, body: 'tok-456' };
    };
    const cycler = createTokenCycler({
      getToken: async ({ sideRequest }) => ({
        token:
          (await sideRequest?.({ url: new URL('https://login.example/token'), method: 'POST' }))?.body ?? '',
      }),
      refreshBeforeExpiryMs: 0,
      validate: () => {},
    });
    const first = new AbortController();
    const firstWait = cycler.token(first.signal, false, side);
    const secondWait = cycler.token(new AbortController().signal, false, side);
    await new Promise((resolve) => setTimeout(resolve, 10));
    first.abort();
    await expect(firstWait).rejects.toMatchObject({ code: 'EWS_ABORTED' });
    expect(signals).toHaveLength(1);
    expect(signals[0]).not.toBe(first.signal);
    expect(signals[0]?.aborted).toBe(false);
    finish?.();
    await expect(secondWait).resolves.toBe('tok-456');
  });
});
