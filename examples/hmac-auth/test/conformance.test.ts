import { type AuthServerHandler, runAuthConformance } from '@ews/core/testing';
import { expect, it } from 'vitest';
import { createHmacAuth } from '../src/index.js';
import { createHmacVerifier, type HmacVerifier } from './support/hmac-verifier.js';

const KEY = 'hmac-conformance-key-0123456789abcdef';

/** The kit's reference server for EWS-HMAC: it challenges and verifies with the gateway's verifier. */
function hmacServer(verifier: HmacVerifier): AuthServerHandler {
  return {
    scheme: 'EWS-HMAC',
    challenges: () => [verifier.challenge()],
    verify: (request) => {
      const verdict = verifier.verify({
        method: request.method,
        target: request.url,
        authorization: request.authorization,
        date: request.headers?.date,
        body: request.body ?? '',
      });
      return verdict.ok ? { ok: true, user: verdict.keyId } : { ok: false };
    },
  };
}

it('createHmacAuth passes the auth conformance kit, round trip included', async () => {
  const verifier = createHmacVerifier({ keys: { 'app-1': KEY } });
  const report = await runAuthConformance({
    name: '@example/hmac-auth',
    create: () => createHmacAuth({ keyId: 'app-1', key: KEY }),
    secrets: [KEY],
    server: hmacServer(verifier),
    expectedUser: 'app-1',
  });
  // No dispose, and request-bound (no state per socket): every other check ran and passed.
  expect(report.checks.filter((check) => check.status === 'skipped').map((check) => check.name)).toEqual([
    'dispose is idempotent',
    'forgets the sockets that closed',
  ]);
  expect(
    report.checks.find((check) => check.name === 'round trip against the reference server')?.status,
  ).toBe('passed');
});

it('a wrong key fails the round trip: the kit can fail this plugin', async () => {
  const verifier = createHmacVerifier({ keys: { 'app-1': KEY } });
  const error = await runAuthConformance({
    name: 'wrong key',
    create: () => createHmacAuth({ keyId: 'app-1', key: `${KEY}-but-wrong` }),
    secrets: [`${KEY}-but-wrong`],
    server: hmacServer(verifier),
  }).catch((e: unknown) => e);
  expect((error as Error).message).toContain('round trip against the reference server: first request failed');
});
