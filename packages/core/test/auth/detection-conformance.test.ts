import { describe, expect, it } from 'vitest';
import { throwIfAborted } from '../../src/auth/abort.js';
import { createBasicAuth } from '../../src/auth/basic.js';
import { DeferredAuth } from '../../src/auth/detection/deferred-auth.js';
import { createOfferDetectingAuth } from '../../src/auth/detection/offer-detecting-auth.js';
import { createDigestAuth } from '../../src/auth/digest.js';
import { AUTH_SPEC_VERSION, type AuthRequest, type AuthStrategy } from '../../src/auth/strategy.js';
import { type AuthServerHandler, runAuthConformance } from '../../src/testing/index.js';

// The detection wrappers (DeferredAuth, OfferDetectingAuth) stand between core and a
// connection-bound strategy; they must pass on its connection lifecycle and report what it holds
// (trackedConnections), so the conformance kit's "forgets the sockets that closed" runs on them.

/** A connection-bound scheme named NTLM: one challenge per socket, remembered until it closes. */
function toyConnectionAuth(): AuthStrategy & { trackedConnections(): number } {
  const authenticated = new Set<number>();
  const answered = new WeakSet<AuthRequest>();
  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme: 'NTLM',
    binding: 'connection',
    authorize: (_request, context) => {
      throwIfAborted(context.signal);
      const id = context.connection?.id;
      return id !== undefined && authenticated.has(id) ? { authorization: 'NTLM toy-token' } : undefined;
    },
    onChallenge: ({ request, challenges }, context) => {
      throwIfAborted(context.signal);
      if (!challenges.some((challenge) => challenge.scheme.toLowerCase() === 'ntlm')) return undefined;
      if (answered.has(request)) return undefined;
      answered.add(request);
      return { authorization: 'NTLM toy-token' };
    },
    onSuccess: (_response, context) => {
      if (context.connection) authenticated.add(context.connection.id);
    },
    onConnectionClosed: (connection) => {
      authenticated.delete(connection.id);
    },
    trackedConnections: () => authenticated.size,
  };
}

const toyServer: AuthServerHandler = {
  scheme: 'NTLM',
  challenges: () => ['NTLM'],
  verify: (request) =>
    request.authorization === 'NTLM toy-token' ? { ok: true, user: 'toy' } : { ok: false },
};

/** Counts the calls of trackedConnections, to prove the kit's check ran (it skips strategies without it). */
function counted(strategy: AuthStrategy, calls: { count: number }): AuthStrategy {
  const tracked = strategy.trackedConnections?.bind(strategy);
  if (tracked === undefined) return strategy;
  return new Proxy(strategy, {
    get(target, key) {
      if (key === 'trackedConnections')
        return () => {
          calls.count += 1;
          return tracked();
        };
      // The target as receiver: the wrappers' getters and methods read private fields.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the detection wrappers pass the conformance kit, closed sockets included', () => {
  it('DeferredAuth over a connection-bound strategy', async () => {
    const calls = { count: 0 };
    const report = await runAuthConformance({
      name: 'DeferredAuth(toy NTLM)',
      create: async () => {
        const deferred = new DeferredAuth(async () => toyConnectionAuth(), 'connection');
        await deferred.resolve(new AbortController().signal);
        return counted(deferred, calls);
      },
      secrets: [],
      server: toyServer,
      expectedUser: 'toy',
    });
    expect(report.checks.find((check) => check.name === 'forgets the sockets that closed')?.status).toBe(
      'passed',
    );
    // No secrets to look for; interleaving is for request-bound schemes.
    expect(report.checks.filter((check) => check.status === 'skipped').map((check) => check.name)).toEqual([
      'secrets absent when the strategy is printed',
      'interleaved calls keep their own state (keyed by their AuthRequest)',
      'secrets absent from thrown errors',
    ]);
    expect(calls.count).toBeGreaterThan(1);
  });

  it('OfferDetectingAuth choosing a connection-bound strategy', async () => {
    const calls = { count: 0 };
    const report = await runAuthConformance({
      name: 'OfferDetectingAuth(toy NTLM)',
      create: () =>
        counted(
          createOfferDetectingAuth({
            factories: {
              ntlm: toyConnectionAuth,
              basic: () => createBasicAuth({ username: 'alice', password: 'unused-basic' }),
              digest: () => createDigestAuth({ username: 'alice', password: 'unused-digest' }),
            },
          }),
          calls,
        ),
      secrets: ['unused-basic', 'unused-digest'],
      server: toyServer,
      expectedUser: 'toy',
    });
    expect(report.checks.find((check) => check.name === 'forgets the sockets that closed')?.status).toBe(
      'passed',
    );
    expect(report.checks.filter((check) => check.status === 'skipped').map((check) => check.name)).toEqual([
      'interleaved calls keep their own state (keyed by their AuthRequest)',
    ]);
    expect(calls.count).toBeGreaterThan(1);
  });

  it('a DeferredAuth resolved to a strategy that keeps nothing per socket tracks none', async () => {
    const deferred = new DeferredAuth(
      async () => createBasicAuth({ username: 'a', password: 'b' }),
      'request',
    );
    expect(deferred.trackedConnections()).toBe(0);
    await deferred.resolve(new AbortController().signal);
    expect(deferred.trackedConnections()).toBe(0);
  });
});
