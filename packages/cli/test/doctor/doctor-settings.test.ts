import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/index.js';
import { caFile, ews } from '../helpers/run.js';

// `ews doctor` takes its settings through the CLI's one settings layer (flags > EWS_* variables >
// profile; the password from EWS_PASSWORD) and its cancellation from the program's signal, as every
// other command does: no environment or SIGINT handling of its own.

const ALICE = 'alice@contoso.test';
const PASSWORD = 'Alice-Demo-2016!';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'demo', now: () => new Date('2026-03-02T08:00:00Z') });
});
afterAll(async () => {
  await server?.close();
});

/** A home directory whose profile file holds `profiles`. */
function homeWith(profiles: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ews-doctor-home-'));
  mkdirSync(join(dir, '.config', 'ews'), { recursive: true });
  writeFileSync(join(dir, '.config', 'ews', 'profiles.json'), JSON.stringify({ profiles }));
  return dir;
}

const step = (report: DoctorReport, name: string) => report.steps.find((s) => s.name === name);

describe('ews doctor reads the settings layer', () => {
  it('the default profile gives server, user, auth and CA file; EWS_PASSWORD signs in', async () => {
    const home = homeWith({
      default: { server: server.url, user: ALICE, auth: 'basic', ca: caFile(server) },
    });
    const ran = await ews(['doctor', ALICE, '--json', '--timeout', '5000'], {
      home,
      env: { EWS_PASSWORD: PASSWORD },
    });
    const report = ran.json<DoctorReport>();
    expect(report.ewsUrl).toBe(server.url);
    expect(step(report, 'autodiscover')?.status).toBe('skip'); // the profile's server, not Autodiscover
    // The profile's CA file is trusted (the test server's certificate is short-lived: a warning).
    expect(step(report, 'tls')?.detail).toMatch(/^trusted: /);
    expect(step(report, 'sign-in')).toMatchObject({ status: 'pass' });
    expect(step(report, 'sign-in')?.detail).toMatch(/Basic/);
    expect(ran.stdout + ran.stderr).not.toContain(PASSWORD);
  });

  it('--profile NAME and EWS_SERVER: the flag picks the profile, the variable wins over it', async () => {
    const home = homeWith({
      work: { server: 'https://unused.invalid/EWS/Exchange.asmx', ca: caFile(server) },
    });
    const ran = await ews(['doctor', ALICE, '--profile', 'work', '--json', '--timeout', '5000'], {
      home,
      env: { EWS_SERVER: server.url, EWS_PASSWORD: PASSWORD },
    });
    const report = ran.json<DoctorReport>();
    expect(report.ewsUrl).toBe(server.url);
    expect(step(report, 'sign-in')?.status).toBe('pass');
  });

  it('refuses a profile that does not exist, and a scheme doctor cannot sign in with, as usage errors', async () => {
    const home = homeWith({ work: { server: server.url, auth: 'digest' } });
    const missing = await ews(['doctor', ALICE, '--profile', 'nope'], { home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no profile nope/);
    const digest = await ews(['doctor', ALICE, '--profile', 'work'], { home });
    expect(digest.code).toBe(2);
    expect(digest.stderr).toMatch(/doctor signs in with basic or ntlm, not digest/);
  });

  it("the program's signal cancels it (exit 130, 'cancelled'), and it adds no SIGINT listener of its own", async () => {
    const home = homeWith({});
    const controller = new AbortController();
    const listeners = process.listenerCount('SIGINT');
    let during = -1;
    setTimeout(() => {
      during = process.listenerCount('SIGINT');
      controller.abort();
    }, 300);
    // A server that never answers TLS: the run would wait for the step's deadline.
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const ran = await ews(['doctor', ALICE, '--server', `https://127.0.0.1:${port}/EWS/Exchange.asmx`], {
        home,
        env: { EWS_PASSWORD: PASSWORD },
        signal: controller.signal,
      });
      expect(ran.code).toBe(130);
      expect(ran.stdout).toMatch(/\ncancelled\n$/);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(during).toBe(listeners);
    } finally {
      silent.close();
    }
  });
});
