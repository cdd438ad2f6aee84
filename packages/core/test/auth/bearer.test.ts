import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createBearerAuth } from '../../src/auth/bearer.js';
import { createTokenCycler } from '../../src/auth/token-cycler.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createBearerServerHandler } from '../../src/testing/bearer-server-handler.js';
import { type LoopbackAuthServer, startLoopbackAuthServer } from '../../src/testing/loopback-auth-server.js';
import { sendWithAuth } from '../../src/testing/reference-driver.js';

let server: LoopbackAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const never = new AbortController().signal;

/** A token source whose results the test releases by hand. */
function manualSource() {
  const pending: {
    resolve: (token: { token: string; expiresOnTimestamp?: number }) => void;
    reject: (e: Error) => void;
    signal: AbortSignal;
  }[] = [];
  const getToken = ({ signal }: { signal: AbortSignal }) =>
    new Promise<{ token: string; expiresOnTimestamp?: number }>((resolve, reject) =>
      pending.push({ resolve, reject, signal }),
    );
  return { pending, getToken };
}

describe('token cycler', () => {
  it('shares one in-flight refresh between concurrent callers and caches the result', async () => {
    const source = manualSource();
    const cycler = createTokenCycler({
      getToken: source.getToken,
      refreshBeforeExpiryMs: 1_000,
      validate: () => {},
      now: () => 0,
    });
    const callers = [cycler.token(never), cycler.token(never), cycler.token(never)];
    await Promise.resolve();
    expect(source.pending).toHaveLength(1);
    source.pending[0]?.resolve({ token: 'tok-1', expiresOnTimestamp: 10_000 });
    expect(await Promise.all(callers)).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(await cycler.token(never)).toBe('tok-1');
    expect(source.pending).toHaveLength(1);
  });

  it('refreshes before expiry, and keeps a still-valid token when that refresh fails', async () => {
    let now = 0;
    const source = manualSource();
    const cycler = createTokenCycler({
      getToken: source.getToken,
      refreshBeforeExpiryMs: 1_000,
      validate: () => {},
      now: () => now,
    });
    const first = cycler.token(never);
    source.pending[0]?.resolve({ token: 'tok-1', expiresOnTimestamp: 10_000 });
    expect(await first).toBe('tok-1');

    now = 8_999;
    expect(await cycler.token(never)).toBe('tok-1');
    expect(source.pending).toHaveLength(1);

    now = 9_500; // inside the refresh window
    const second = cycler.token(never);
    await Promise.resolve();
    expect(source.pending).toHaveLength(2);
    source.pending[1]?.reject(new Error('token endpoint down'));
    expect(await second).toBe('tok-1');

    now = 10_000; // expired: the failure surfaces
    const third = cycler.token(never);
    await Promise.resolve();
    source.pending[2]?.reject(new Error('token endpoint down'));
    const error = await third.catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('lets an aborted caller go, and aborts the refresh once every waiter has gone', async () => {
    const source = manualSource();
    const cycler = createTokenCycler({
      getToken: source.getToken,
      refreshBeforeExpiryMs: 0,
      validate: () => {},
    });
    const one = new AbortController();
    const two = new AbortController();
    const first = cycler.token(one.signal);
    const second = cycler.token(two.signal);
    await Promise.resolve();
    one.abort();
    expect(((await first.catch((e: unknown) => e)) as EwsError).code).toBe('EWS_ABORTED');
    expect(source.pending[0]?.signal.aborted).toBe(false);
    two.abort();
    expect(((await second.catch((e: unknown) => e)) as EwsError).code).toBe('EWS_ABORTED');
    expect(source.pending[0]?.signal.aborted).toBe(true);
  });
});

describe('createBearerAuth', () => {
  it('on 401 fetches a new token once and retries once', async () => {
    const tokens: Record<string, string> = { 'new-token': 'alice@ews.test' };
    server = await startLoopbackAuthServer(createBearerServerHandler({ tokens }));
    const issued = ['old-token', 'new-token'];
    let calls = 0;
    const auth = createBearerAuth({
      getToken: async () => ({
        token: issued[Math.min(calls++, 1)] ?? '',
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    });
    const result = await sendWithAuth(auth, { url: server.url });
    expect(result).toMatchObject({ status: 200, user: 'alice@ews.test', requests: 2 });
    expect(server.exchanges.map((e) => e.authorization)).toEqual(['Bearer old-token', 'Bearer new-token']);

    // Revoked again: one refresh, one retry, then the call ends.
    delete tokens['new-token'];
    const error = await sendWithAuth(auth, { url: server.url, maxRounds: 10 }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect(server.exchanges).toHaveLength(4);
    expect(calls).toBe(3);
  });

  it('with a static token gives up on the first 401', async () => {
    server = await startLoopbackAuthServer(createBearerServerHandler({ tokens: { good: 'bob' } }));
    expect((await sendWithAuth(createBearerAuth({ token: 'good' }), { url: server.url })).user).toBe('bob');
    const error = await sendWithAuth(createBearerAuth({ token: 'bad' }), { url: server.url }).catch(
      (e: unknown) => e,
    );
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect(server.exchanges).toHaveLength(2);
  });

  it('surfaces a failing token source as an auth error without the token in it', async () => {
    const auth = createBearerAuth({
      getToken: async () => {
        throw new Error('AADSTS7000215: invalid client secret');
      },
    });
    const context = {
      signal: never,
      logger: silentLogger,
      connection: undefined,
      round: 0,
      sideRequest: () => Promise.reject(new Error('no')),
    };
    const request = {
      url: new URL('https://ews.example.test/EWS/Exchange.asmx'),
      method: 'POST' as const,
      headers: {},
      operation: 'GetFolder',
    };
    const error = await Promise.resolve(auth.authorize(request, context)).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as Error).message).toContain('token source failed');
    expect(((error as Error).cause as Error).message).toContain('AADSTS7000215');

    const badToken = createBearerAuth({ getToken: async () => ({ token: 'has space secret-part' }) });
    const invalid = await Promise.resolve(badToken.authorize(request, context)).catch((e: unknown) => e);
    expect(EwsError.isInstance(invalid) && invalid.code).toBe('EWS_AUTH');
    expect(inspect(invalid)).not.toContain('secret-part');
  });

  it('validates options eagerly and hides the token', () => {
    for (const options of [
      {},
      { token: '' },
      { token: 'a b' },
      { token: 'x', getToken: async () => ({ token: 'x' }) },
      { getToken: async () => ({ token: 'x' }), refreshBeforeExpiryMs: -1 },
    ]) {
      expect(() => createBearerAuth(options as never)).toThrow(
        expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
      );
    }
    const auth = createBearerAuth({ token: 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.c2ln' });
    expect(`${inspect(auth, { showHidden: true, depth: 5 })} ${JSON.stringify(auth)}`).not.toContain(
      'eyJhbGci',
    );
    expect(auth.sendsReusableSecret).toBe(true);
  });
});
