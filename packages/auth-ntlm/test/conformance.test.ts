import { runAuthConformance } from '@ews/core/testing';
import { describe, expect, it } from 'vitest';
import { ntHash } from '../src/crypto/ntlmv2.js';
import { createNtlmAuth } from '../src/index.js';
import { createNtlmServerHandler } from './support/ntlm-server-handler.js';

const PASSWORD = 'Alice-Passw0rd';
const account = { user: 'alice', domain: 'EWS', password: PASSWORD };

describe('runAuthConformance (@ews/core/testing)', () => {
  it('createNtlmAuth passes every check, including the round trip against an NTLM acceptor', async () => {
    const report = await runAuthConformance({
      name: '@ews/auth-ntlm',
      create: () => createNtlmAuth({ username: 'EWS\\alice', password: PASSWORD }),
      // The password, and its NT hash in the two spellings it could leak in.
      secrets: [
        PASSWORD,
        Buffer.from(ntHash(PASSWORD)).toString('hex'),
        Buffer.from(ntHash(PASSWORD)).toString('base64'),
      ],
      server: createNtlmServerHandler(account),
      expectedUser: 'EWS\\alice',
    });
    expect(report.checks).toHaveLength(10);
    // Connection-bound, so the socket check ran (and passed); interleaving is for request-bound schemes.
    expect(report.checks.find((check) => check.name === 'forgets the sockets that closed')?.status).toBe(
      'passed',
    );
    expect(report.checks.filter((check) => check.status === 'skipped').map((check) => check.name)).toEqual([
      'interleaved calls keep their own state (keyed by their AuthRequest)',
    ]);
  });

  it('a wrong password fails the round-trip check (the suite can fail)', async () => {
    await expect(
      runAuthConformance({
        name: 'wrong password',
        create: () => createNtlmAuth({ username: 'EWS\\alice', password: 'wrong' }),
        secrets: ['wrong'],
        server: createNtlmServerHandler(account),
      }),
    ).rejects.toThrow(/round trip/);
  });
});
