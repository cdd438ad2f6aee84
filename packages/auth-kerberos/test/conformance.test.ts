import { createNtlmAuth } from '@ews/auth-ntlm';
import type { AuthStrategy } from '@ews/core';
import { type AuthConformanceReport, type AuthServerHandler, runAuthConformance } from '@ews/core/testing';
import { describe, expect, it } from 'vitest';
import { createKerberosAuth } from '../src/index.js';

// No ticket in this run's cache here (the authlab tests kinit and kdestroy around themselves),
// so against the suite's refusing server GSSAPI fails and the strategy must stop at once.
/** The kit's checks that did not run (the run resolving means every other one ran and passed). */
function skippedChecks(report: AuthConformanceReport): string[] {
  return report.checks.filter((check) => check.status === 'skipped').map((check) => check.name);
}

describe('auth conformance (@ews/core/testing)', () => {
  it('createKerberosAuth() passes', async () => {
    const report = await runAuthConformance({
      name: 'createKerberosAuth',
      create: () => createKerberosAuth(),
      secrets: [],
    });
    expect(report.checks).toHaveLength(10);
    // No server here (the full kit runs below with the addon's double) and no secret to look for.
    expect(skippedChecks(report)).toEqual([
      'secrets absent when the strategy is printed',
      'round trip against the reference server',
      'interleaved calls keep their own state (keyed by their AuthRequest)',
      'forgets the sockets that closed',
      'secrets absent from thrown errors',
    ]);
  });

  it('createKerberosAuth({ fallbackToNtlm }) passes and never shows the NTLM password', async () => {
    const password = 'Fallback-Passw0rd-7';
    const report = await runAuthConformance({
      name: 'createKerberosAuth with NTLM fallback',
      create: () =>
        createKerberosAuth({ fallbackToNtlm: createNtlmAuth({ username: 'EWS\\alice', password }) }),
      secrets: [password],
    });
    expect(skippedChecks(report)).toEqual([
      'round trip against the reference server',
      'interleaved calls keep their own state (keyed by their AuthRequest)',
      'forgets the sockets that closed',
    ]);
  });

  // The addon's test double (the loadAddon option): a fresh token per context, no keytab needed.
  // The server side accepts any Negotiate token and, like the handler API, knows no sockets.
  let contexts = 0;
  const fakeAddon = async () => ({
    default: {
      GSS_MECH_OID_SPNEGO: 6,
      GSS_C_MUTUAL_FLAG: 2,
      GSS_C_SEQUENCE_FLAG: 8,
      initializeClient: async () => {
        const token = Buffer.from(`fake-spnego-${++contexts}`).toString('base64');
        return { contextComplete: true, step: async (challenge: string) => (challenge === '' ? token : '') };
      },
    },
  });
  const negotiateServer: AuthServerHandler = {
    scheme: 'Negotiate',
    challenges: () => ['Negotiate'],
    verify: (request) =>
      /^Negotiate [A-Za-z0-9+/]+=*$/.test(request.authorization ?? '')
        ? { ok: true, user: 'alice' }
        : { ok: false },
  };
  /** Counts the calls of trackedConnections, to prove the kit's socket check ran (it skips strategies without it). */
  const counted = (strategy: AuthStrategy, calls: { count: number }): AuthStrategy => {
    const tracked = strategy.trackedConnections;
    if (tracked === undefined) return strategy;
    return {
      ...strategy,
      trackedConnections: () => {
        calls.count += 1;
        return tracked();
      },
    };
  };

  for (const [label, fallback] of [
    ['alone', false],
    ['with an NTLM fallback', true],
  ] as const) {
    it(`createKerberosAuth ${label} forgets the sockets that closed (full kit with a reference server)`, async () => {
      const calls = { count: 0 };
      const password = 'Fallback-Passw0rd-8';
      const report = await runAuthConformance({
        name: `createKerberosAuth ${label}`,
        create: () =>
          counted(
            createKerberosAuth({
              loadAddon: fakeAddon,
              mutualAuth: false,
              ...(fallback ? { fallbackToNtlm: createNtlmAuth({ username: 'EWS\\alice', password }) } : {}),
            }),
            calls,
          ),
        secrets: [password],
        server: negotiateServer,
        expectedUser: 'alice',
      });
      // Connection-bound: the socket check ran and passed; interleaving is for request-bound schemes.
      expect(report.checks.find((check) => check.name === 'forgets the sockets that closed')?.status).toBe(
        'passed',
      );
      expect(skippedChecks(report)).toEqual([
        'interleaved calls keep their own state (keyed by their AuthRequest)',
      ]);
      expect(calls.count).toBeGreaterThan(1);
    });
  }
});
