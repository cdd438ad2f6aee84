import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestAuth } from '../../src/auth/digest.js';
import { parseWwwAuthenticate } from '../../src/auth/www-authenticate.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { AuthServerHandler } from '../../src/testing/auth-server-handler.js';
import {
  createDigestServerHandler,
  type DigestServerAlgorithm,
  type DigestServerOptions,
} from '../../src/testing/digest-server-handler.js';
import { type LoopbackAuthServer, startLoopbackAuthServer } from '../../src/testing/loopback-auth-server.js';
import { createDriverSession, sendWithAuth } from '../../src/testing/reference-driver.js';

const USERS = { alice: 'Alice-Passw0rd', zoë: 'Zoë-Pässword' };
let server: LoopbackAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function digestServer(options: Partial<DigestServerOptions> = {}): Promise<LoopbackAuthServer> {
  server = await startLoopbackAuthServer(createDigestServerHandler({ users: USERS, ...options }));
  return server;
}

function field(header: string | undefined, name: string): string | undefined {
  const match = new RegExp(`(?:^|[ ,])${name}=(?:"([^"]*)"|([^,\\s]*))`).exec(header ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

describe('createDigestAuth', () => {
  const algorithms: DigestServerAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];
  for (const algorithm of algorithms) {
    it(`authenticates with ${algorithm}, qop=auth`, async () => {
      const { url, exchanges } = await digestServer({ algorithm });
      const result = await sendWithAuth(createDigestAuth({ username: 'alice', password: USERS.alice }), {
        url: `${url}?probe=1`,
      });
      expect(result).toMatchObject({ status: 200, user: 'alice', requests: 2 });
      const header = exchanges[1]?.authorization;
      expect(field(header, 'algorithm')).toBe(algorithm);
      expect(field(header, 'uri')).toBe('/EWS/Exchange.asmx?probe=1');
      expect(field(header, 'nc')).toBe('00000001');
      expect(field(header, 'qop')).toBe('auth');
    });
  }

  it('answers a legacy RFC 2069 server that sends no qop', async () => {
    const { url, exchanges } = await digestServer({ qop: 'none' });
    const result = await sendWithAuth(createDigestAuth({ username: 'alice', password: USERS.alice }), {
      url,
    });
    expect(result.status).toBe(200);
    expect(field(exchanges[1]?.authorization, 'nc')).toBeUndefined();
  });

  it('hashes the user name when the server asks for userhash, and sends non-ASCII names as username*', async () => {
    const hashed = await digestServer({ userhash: true, algorithm: 'SHA-256' });
    const first = await sendWithAuth(createDigestAuth({ username: 'zoë', password: USERS.zoë }), {
      url: hashed.url,
    });
    expect(first.user).toBe('zoë');
    expect(hashed.exchanges[1]?.authorization).toContain('userhash=true');
    expect(hashed.exchanges[1]?.authorization).not.toContain('zo');
    await hashed.close();

    const plain = await digestServer();
    const second = await sendWithAuth(createDigestAuth({ username: 'zoë', password: USERS.zoë }), {
      url: plain.url,
    });
    expect(second.user).toBe('zoë');
    expect(plain.exchanges[1]?.authorization).toContain("username*=UTF-8''zo%C3%AB");
  });

  it('reuses the nonce pre-emptively with an incremented nonce count', async () => {
    const { url, exchanges } = await digestServer({ algorithm: 'SHA-256' });
    const auth = createDigestAuth({ username: 'alice', password: USERS.alice });
    const session = createDriverSession();
    try {
      expect((await session.send(auth, { url })).requests).toBe(2);
      expect((await session.send(auth, { url })).requests).toBe(1);
      expect((await session.send(auth, { url })).requests).toBe(1);
    } finally {
      session.close();
    }
    expect(exchanges.map((e) => e.status)).toEqual([401, 200, 200, 200]);
    const nonces = exchanges.slice(1).map((e) => field(e.authorization, 'nonce'));
    expect(new Set(nonces).size).toBe(1);
    expect(exchanges.slice(1).map((e) => field(e.authorization, 'nc'))).toEqual([
      '00000001',
      '00000002',
      '00000003',
    ]);
  });

  it('answers stale=true with the new nonce without counting it as a failure', async () => {
    const { url, exchanges } = await digestServer({ nonceMaxUses: 1 });
    const auth = createDigestAuth({ username: 'alice', password: USERS.alice });
    const session = createDriverSession();
    try {
      await session.send(auth, { url });
      const second = await session.send(auth, { url });
      expect(second).toMatchObject({ status: 200, requests: 2 });
    } finally {
      session.close();
    }
    expect(exchanges.map((e) => e.status)).toEqual([401, 200, 401, 200]);
    expect(field(exchanges[2]?.authorization, 'nonce')).not.toBe(field(exchanges[3]?.authorization, 'nonce'));
  });

  it('gives up on a wrong password after one answered challenge', async () => {
    const { url, exchanges } = await digestServer();
    const auth = createDigestAuth({ username: 'alice', password: 'wrong' });
    const error = await sendWithAuth(auth, { url, maxRounds: 10 }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as { offeredSchemes: string[] }).offeredSchemes).toEqual(['Digest']);
    expect(exchanges).toHaveLength(2);
  });

  it('after a cached nonce is refused, tries one fresh nonce, then gives up', async () => {
    // A server that "restarts" (forgets its nonces) between calls, on the same origin.
    let current = createDigestServerHandler({ users: USERS });
    const restarting: AuthServerHandler = {
      scheme: 'Digest',
      challenges: (options) => current.challenges(options),
      verify: (request) => current.verify(request),
    };
    server = await startLoopbackAuthServer(restarting);
    const { url, exchanges } = server;
    const auth = createDigestAuth({ username: 'alice', password: USERS.alice });
    const session = createDriverSession();
    try {
      await session.send(auth, { url });
      current = createDigestServerHandler({ users: USERS });
      expect(await session.send(auth, { url })).toMatchObject({ status: 200, requests: 2 });
      current = createDigestServerHandler({ users: { alice: 'changed-password' } });
      const error = await session.send(auth, { url, maxRounds: 10 }).catch((e: unknown) => e);
      expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    } finally {
      session.close();
    }
    // call 1: 401, 200; call 2: refused cached nonce, fresh 200; call 3: refused cached, refused fresh.
    expect(exchanges.map((e) => e.status)).toEqual([401, 200, 401, 200, 401, 401]);
  });

  it('ignores challenges it cannot answer (auth-int only, unknown algorithm, other schemes)', async () => {
    const auth = createDigestAuth({ username: 'alice', password: USERS.alice });
    const signal = new AbortController().signal;
    const request = {
      url: new URL('http://127.0.0.1/EWS/Exchange.asmx'),
      method: 'POST' as const,
      headers: {},
      operation: 'GetFolder',
    };
    const context = {
      signal,
      logger: silentLogger,
      connection: undefined,
      round: 1,
      sideRequest: () => Promise.reject(new Error('no')),
    };
    for (const header of [
      'Digest realm="x", nonce="n", qop="auth-int"',
      'Digest realm="x", nonce="n", algorithm=SHA-512-256',
      'Basic realm="x"',
    ]) {
      const answer = auth.onChallenge?.(
        {
          request,
          response: { status: 401, headers: { 'www-authenticate': header }, body: '' },
          challenges: parseWwwAuthenticate([header]),
        },
        context,
      );
      expect(answer).toBeUndefined();
    }
  });

  it('never shows the password when printed', async () => {
    const { url } = await digestServer();
    const auth = createDigestAuth({ username: 'alice', password: USERS.alice });
    await sendWithAuth(auth, { url });
    const printed = `${inspect(auth, { showHidden: true, depth: 5 })} ${JSON.stringify(auth)}`;
    expect(printed).not.toContain(USERS.alice);
    expect(auth.sendsReusableSecret).toBe(false);
  });
});
