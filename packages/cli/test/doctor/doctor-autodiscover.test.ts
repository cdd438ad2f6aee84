import { lookup } from 'node:dns/promises';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCTOR_STEP_NAMES,
  type DoctorResolver,
  type DoctorStep,
  diagnose,
  renderHuman,
  runDoctor,
} from '../../src/doctor/index.js';
import { ALICE, NOW, privateCa } from './servers.js';

/**
 * Doctor without --server: Autodiscover finds the EWS URL. contoso.test does not resolve, so an SRV
 * record (injected through the resolver, as a hoster's record would) points at the loopback server.
 */

let server: TestServer;
let ca: string;
let password: string;

beforeAll(async () => {
  const tls = await privateCa(['localhost', '127.0.0.1']);
  ca = tls.ca;
  server = await startTestServer({ tls, now: NOW, auth: ['ntlm', 'basic'] });
  password = server.mailboxes.find((m) => m.address === ALICE)!.password;
});
afterAll(async () => {
  await server.close();
});

/** DNS as the company's would answer: an SRV record for contoso.test naming localhost. */
function resolver(): DoctorResolver {
  return {
    lookup: async (host) => {
      if (host.endsWith('contoso.test'))
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return (await lookup(host, { all: true })).map((a) => ({
        address: a.address,
        family: a.family === 6 ? 6 : 4,
      }));
    },
    resolveSrv: async (name) =>
      name === '_autodiscover._tcp.contoso.test'
        ? [{ name: 'localhost', port: Number(new URL(server.url).port), priority: 0, weight: 0 }]
        : [],
  };
}

const byName = (steps: readonly DoctorStep[], name: DoctorStep['name']) =>
  steps.find((s) => s.name === name)!;

describe('ews doctor with Autodiscover', () => {
  it('a redirect to an untrusted host is named, and no credentials go there', async () => {
    const report = await diagnose({ email: ALICE, password, ca, resolver: resolver() });
    expect(report.ok).toBe(false);
    const autodiscover = byName(report.steps, 'autodiscover');
    expect(autodiscover.status).toBe('fail');
    expect(autodiscover.detail).toMatch(
      /^Autodiscover was sent to localhost:\d+ \(by dns-srv\), a host outside contoso\.test that is not trusted; credentials were not sent there$/,
    );
    expect(autodiscover.advice).toMatch(/trust it with --trust-host localhost:\d+ \(or pass --server\)/);
    // Every step Autodiscover tried is listed, the refused one among them.
    expect(
      autodiscover.lines?.some((line) =>
        /dns-srv: POST https:\/\/localhost:\d+\/autodiscover\/autodiscover\.svc \[soap\] -> skipped/.test(
          line,
        ),
      ),
    ).toBe(true);
    expect(
      autodiscover.lines?.some((line) =>
        /domain: POST https:\/\/contoso\.test\/autodiscover\/autodiscover\.svc/.test(line),
      ),
    ).toBe(true);
    for (const name of ['dns', 'tcp', 'tls', 'sign-in'] as const) {
      expect(byName(report.steps, name)).toMatchObject({
        status: 'skip',
        detail: 'skipped: no EWS URL: Autodiscover failed and no --server was given',
      });
    }
    expect(JSON.stringify(report)).not.toContain(password);
  });

  it('no Autodiscover endpoint answers: every step tried is listed, with what to do', async () => {
    const report = await diagnose({
      email: ALICE,
      password,
      ca,
      resolver: { ...resolver(), resolveSrv: async () => [] },
      stepTimeoutMs: 5_000,
    });
    const autodiscover = byName(report.steps, 'autodiscover');
    expect(autodiscover.status).toBe('fail');
    expect(autodiscover.detail).toMatch(
      /^Autodiscover found no EWS URL for alice@contoso\.test: \d+ steps tried, none answered$/,
    );
    expect(autodiscover.advice).toBe(
      'Pass --server https://HOST/EWS/Exchange.asmx, or publish autodiscover.contoso.test (or an _autodiscover._tcp SRV record).',
    );
    expect(autodiscover.lines?.map((line) => line.replace(/^\d+\. /, '').split(' -> ')[0])).toEqual([
      'domain: POST https://contoso.test/autodiscover/autodiscover.svc [soap]',
      'autodiscover-host: POST https://autodiscover.contoso.test/autodiscover/autodiscover.svc [soap]',
      'http-redirect: GET http://autodiscover.contoso.test/autodiscover/autodiscover.xml',
      'dns-srv: SRV _autodiscover._tcp.contoso.test',
    ]);
  });

  it('a healthy server found by Autodiscover: every step passes', async () => {
    const report = await diagnose({
      email: 'room.oslo@contoso.test',
      user: 'ews.service@contoso.test',
      password: server.mailboxes.find((m) => m.address === 'ews.service@contoso.test')!.password,
      impersonate: ALICE,
      ca,
      trustHosts: ['localhost'],
      resolver: resolver(),
    });
    expect(report.steps.map((s) => `${s.name}:${s.status}`)).toEqual(
      DOCTOR_STEP_NAMES.map((name) => `${name}:pass`),
    );
    expect(report.ok).toBe(true);
    // The server's answer names its own URL, which the later steps check.
    expect(report.ewsUrl).toBe(server.url);
    expect(byName(report.steps, 'autodiscover').detail).toBe(`EWS URL ${server.url} (soap Autodiscover)`);
    expect(byName(report.steps, 'autodiscover-srv').detail).toMatch(
      /^_autodiscover\._tcp\.contoso\.test → localhost:\d+$/,
    );
    expect(byName(report.steps, 'dns').detail).toBe('127.0.0.1 is an IP address (no lookup)');
    const text = renderHuman(report);
    expect(text.startsWith(`ews doctor room.oslo@contoso.test at ${server.url}\n`)).toBe(true);
    expect(text).toMatch(/\n0 failed, 0 warnings, 13 passed, 0 skipped$/);
  });

  it('cancelling stops the run at once with the signal reason, and every step is bounded', async () => {
    const controller = new AbortController();
    const hanging: DoctorResolver = {
      lookup: () => new Promise(() => {}),
      resolveSrv: () => new Promise(() => {}),
    };
    const steps: DoctorStep[] = [];
    const run = (async () => {
      for await (const step of runDoctor({
        email: ALICE,
        server: 'mail.contoso.test',
        resolver: hanging,
        signal: controller.signal,
      })) {
        steps.push(step);
      }
    })();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(run).rejects.toThrow('stop');
    expect(steps).toEqual([]);
    // Without cancelling, a resolver that never answers costs one step deadline per step.
    const bounded = await diagnose({
      email: ALICE,
      server: 'mail.contoso.test',
      resolver: hanging,
      stepTimeoutMs: 200,
    });
    // The SRV record only informs: its timeout is a warning and the run goes on to the next deadline.
    expect(byName(bounded.steps, 'autodiscover-srv')).toMatchObject({
      status: 'warn',
      detail: 'no answer within 200 ms',
    });
    expect(byName(bounded.steps, 'dns')).toMatchObject({ status: 'fail', detail: 'no answer within 200 ms' });
    expect(byName(bounded.steps, 'tcp')).toMatchObject({ status: 'skip', detail: 'skipped: dns timed out' });
  });
});
