import { createNtlmAuth } from '@ews/auth-ntlm';
import { runAuthConformance } from '@ews/core/testing';
import { describe, expect, it } from 'vitest';
import { createKerberosAuth } from '../src/index.js';

// No ticket in this run's cache here (the authlab tests kinit and kdestroy around themselves),
// so against the suite's refusing server GSSAPI fails and the strategy must stop at once.
describe('auth conformance (@ews/core/testing)', () => {
  it('createKerberosAuth() passes', async () => {
    const report = await runAuthConformance({
      name: 'createKerberosAuth',
      create: () => createKerberosAuth(),
      secrets: [],
    });
    expect(report.checks.every((check) => check.passed)).toBe(true);
    expect(report.checks.length).toBeGreaterThanOrEqual(7);
  });

  it('createKerberosAuth({ fallbackToNtlm }) passes and never shows the NTLM password', async () => {
    const password = 'Fallback-Passw0rd-7';
    const report = await runAuthConformance({
      name: 'createKerberosAuth with NTLM fallback',
      create: () =>
        createKerberosAuth({ fallbackToNtlm: createNtlmAuth({ username: 'EWS\\alice', password }) }),
      secrets: [password],
    });
    expect(report.checks.every((check) => check.passed)).toBe(true);
  });
});
