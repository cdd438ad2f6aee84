import { describe, expect, it } from 'vitest';
import { type DoctorReport, diagnose, renderHuman, renderJson, renderStep } from '../../src/doctor/index.js';

const report: DoctorReport = {
  email: 'alice@contoso.com',
  ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
  ok: false,
  steps: [
    { name: 'dns', status: 'pass', ms: 3, detail: 'mail.contoso.com → 10.0.0.5 (A)' },
    {
      name: 'tls',
      status: 'fail',
      ms: 41,
      detail: 'self-signed certificate (CN=mail.contoso.com), trusted by nobody by default',
      advice: 'Trust this certificate: pass --ca FILE.pem.',
      lines: ['certificate: CN=mail.contoso.com, issued by CN=mail.contoso.com'],
    },
    {
      name: 'sign-in',
      status: 'skip',
      ms: 0,
      detail: 'skipped: the server certificate is not trusted (see tls)',
    },
    {
      name: 'room-lists',
      status: 'warn',
      ms: 12,
      detail: 'no room lists published',
      advice: 'New-DistributionGroup -RoomList …',
    },
  ],
};

describe('doctor renderers', () => {
  it('prints each step with its mark, name, detail and time, then its lines and what to do', () => {
    expect(renderHuman(report)).toBe(
      [
        'ews doctor alice@contoso.com at https://mail.contoso.com/EWS/Exchange.asmx',
        '✓ dns              mail.contoso.com → 10.0.0.5 (A) (3 ms)',
        '✗ tls              self-signed certificate (CN=mail.contoso.com), trusted by nobody by default (41 ms)',
        '                   certificate: CN=mail.contoso.com, issued by CN=mail.contoso.com',
        '                   → Trust this certificate: pass --ca FILE.pem.',
        '- sign-in          skipped: the server certificate is not trusted (see tls)',
        '! room-lists       no room lists published (12 ms)',
        '                   → New-DistributionGroup -RoomList …',
        '1 failed, 1 warnings, 1 passed, 1 skipped',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    const step = report.steps[1]!;
    const ESC = String.fromCharCode(27);
    expect(renderStep(step)).not.toContain(`${ESC}[`);
    expect(renderStep(step, { color: true })).toContain(`${ESC}[31m✗`);
  });

  it('--json is the report itself, parseable back', () => {
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('masks the password wherever a step quotes it (server or resolver text included)', async () => {
    const password = 'Pa55-word-that-leaks';
    const echoed = await diagnose({
      email: 'alice@contoso.com',
      server: 'https://127.0.0.1:1/EWS/Exchange.asmx',
      password,
      resolver: {
        lookup: async () => [],
        resolveSrv: async () => {
          throw new Error(
            `SERVFAIL while asking with ${password} and ${Buffer.from(`alice@contoso.com:${password}`).toString('base64')}`,
          );
        },
      },
    });
    const srv = echoed.steps[0]!;
    expect(srv).toMatchObject({ name: 'autodiscover-srv', status: 'warn' });
    expect(srv.detail).toBe(
      '_autodiscover._tcp.contoso.com: the lookup failed (SERVFAIL while asking with *** and ***)',
    );
    expect(renderJson(echoed)).not.toContain(password);
  });
});
