import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer } from 'node:net';
import { startTestServer, type TestServer, type TestServerOptions } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCTOR_STEP_NAMES, type DoctorReport, type DoctorStep } from '../../src/doctor/index.js';
import { type CliRun, ews } from './run-cli.js';
import { ALICE, NOW, pemFile, privateCa } from './servers.js';

/**
 * `ews doctor` as an admin runs it, against @ews/test-server in each configuration that breaks a
 * connection: each test checks that the failing step names the cause, and that the password never
 * appears in what was printed.
 */

const SERVICE = 'ews.service@contoso.test';
/** A room the service account has full access to. */
const ROOM = 'room.oslo@contoso.test';
let trusted: { ca: string; cert: string; key: string };
let caFile: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  // A company CA and a certificate for the names the loopback server is reached by.
  trusted = await privateCa(['localhost', '127.0.0.1']);
  caFile = await pemFile(trusted.ca);
});
afterAll(async () => {
  await caFile.cleanup();
});

async function withServer<T>(
  options: TestServerOptions,
  use: (server: TestServer) => Promise<T>,
): Promise<T> {
  const server = await startTestServer({ now: NOW, ...options });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

const passwordOf = (server: TestServer, address: string) =>
  server.mailboxes.find((m) => m.address === address)!.password;

/** Runs doctor with the password in EWS_PASSWORD and checks it was never printed. */
async function doctor(args: readonly string[], password: string): Promise<CliRun> {
  const run = await ews(['doctor', ...args], { EWS_PASSWORD: password });
  expect(run.out + run.err).not.toContain(password);
  expect(run.out + run.err).not.toContain(Buffer.from(`${password}`).toString('base64'));
  return run;
}

async function doctorJson(
  args: readonly string[],
  password: string,
): Promise<{ run: CliRun; report: DoctorReport }> {
  const run = await doctor([...args, '--json'], password);
  return { run, report: JSON.parse(run.out) as DoctorReport };
}

function step(report: DoctorReport, name: DoctorStep['name']): DoctorStep {
  const found = report.steps.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no step ${name}`);
  return found;
}

/** The step that failed, and that every step after it (except the summary ones) was skipped with a reason. */
function onlyFailure(report: DoctorReport, name: DoctorStep['name']): DoctorStep {
  const failed = report.steps.filter((s) => s.status === 'fail' && s.name !== 'throttling');
  expect(failed.map((s) => s.name)).toEqual([name]);
  return failed[0]!;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('ews doctor names the cause', () => {
  it('a healthy server: every step passes (Autodiscover skipped for --server), exit code 0', async () => {
    await withServer({ tls: trusted, auth: ['ntlm', 'basic'] }, async (server) => {
      const password = passwordOf(server, SERVICE);
      const args = [
        ROOM,
        '--server',
        server.url,
        '--user',
        SERVICE,
        '--ca',
        caFile.path,
        '--impersonate',
        ALICE,
      ];
      const run = await doctor(args, password);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/✓ tls +trusted: CN=localhost issued by CN=Contoso Test Root CA, TLSv1\.3/);
      expect(run.out).toMatch(/✓ auth-schemes +server offers Negotiate, NTLM, Basic; signing in with NTLM/);
      expect(run.out).toMatch(/✓ channel-binding +enforced \(Extended Protection\)/);
      expect(run.out).toMatch(
        /✓ server-version +Microsoft Exchange Server 2016, build 15\.1\.2507\.6 \(EWS schema Exchange2016\)/,
      );
      expect(run.out).toMatch(
        /✓ impersonation +ews\.service@contoso\.test may impersonate alice@contoso\.test/,
      );
      expect(run.out).toMatch(/✓ room-lists +1 room list: rooms@contoso\.test/);
      // The SRV lookup of contoso.test goes to this machine's real DNS: without a reachable DNS server
      // it is a warning (the Autodiscover tests inject a resolver and see all 13 steps pass).
      expect(run.out).toMatch(/\n0 failed, [01] warnings, 1[12] passed, 1 skipped\n$/);
      expect(run.out).toMatch(/✓ mailbox +calendar of room\.oslo@contoso\.test is readable/);
      const { report } = await doctorJson(args, password);
      expect(report.ok).toBe(true);
      expect(report.steps.map((s) => s.name)).toEqual([...DOCTOR_STEP_NAMES]);
      expect(
        report.steps
          .filter((s) => s.status !== 'pass' && s.name !== 'autodiscover-srv')
          .map((s) => `${s.name}:${s.status}`),
      ).toEqual(['autodiscover:skip']);
      expect(['pass', 'warn']).toContain(step(report, 'autodiscover-srv').status);
    });
  });

  it('wrong URL, nothing listening: tcp says connection refused, later steps skipped, exit 1', async () => {
    const port = await closedPort();
    const { run, report } = await doctorJson(
      [ALICE, '--server', `https://127.0.0.1:${port}/EWS/Exchange.asmx`],
      'unused-Secret-4711',
    );
    expect(run.code).toBe(1);
    const tcp = onlyFailure(report, 'tcp');
    expect(tcp.detail).toBe(`connection refused at 127.0.0.1:${port}: nothing listens there`);
    expect(tcp.advice).toMatch(/Check the port/);
    for (const name of ['tls', 'auth-schemes', 'sign-in', 'mailbox', 'room-lists'] as const) {
      expect(step(report, name)).toMatchObject({
        status: 'skip',
        detail: `skipped: no connection to 127.0.0.1:${port}`,
      });
    }
  });

  it('wrong URL, a path that is not EWS: HTTP 404, not an EWS endpoint', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const url = new URL(server.url);
      const { run, report } = await doctorJson(
        [ALICE, '--server', `https://${url.host}/owa/`, '--ca', caFile.path],
        passwordOf(server, ALICE),
      );
      expect(run.code).toBe(1);
      const failed = onlyFailure(report, 'sign-in');
      expect(failed.detail).toBe('HTTP 404 at /owa/ after signing in: not an EWS endpoint');
      expect(failed.advice).toBe(
        `EWS lives at https://${url.host}/EWS/Exchange.asmx; check the path of --server.`,
      );
    });
  });

  it('a web server that is not EWS: HTTP 404 or a redirect to a login page, before any sign-in', async () => {
    const answers: Record<string, RequestListener> = {
      '/EWS/Exchange.asmx': (_req, res) =>
        res.writeHead(404, { 'content-type': 'text/html' }).end('Not Found'),
      '/owa/ews': (_req, res) => res.writeHead(302, { location: 'https://sso.contoso.test/login' }).end(),
    };
    const web = createHttpServer(
      (req, res) => answers[req.url ?? '']?.(req, res) ?? res.writeHead(500).end(),
    );
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    try {
      const notFound = await doctorJson(
        [ALICE, '--server', `${base}/EWS/Exchange.asmx`],
        'unused-Secret-4711',
      );
      expect(notFound.run.code).toBe(1);
      expect(step(notFound.report, 'tls')).toMatchObject({
        status: 'warn',
        detail: 'plain http: no TLS, so the password and the mail travel unencrypted',
      });
      expect(onlyFailure(notFound.report, 'auth-schemes').detail).toBe(
        'HTTP 404 at /EWS/Exchange.asmx: not an EWS endpoint',
      );
      expect(step(notFound.report, 'sign-in').detail).toBe('skipped: no EWS endpoint at the URL');
      const login = await doctorJson([ALICE, '--server', `${base}/owa/ews`], 'unused-Secret-4711');
      expect(onlyFailure(login.report, 'auth-schemes').detail).toBe(
        'HTTP 302 redirect to https://sso.contoso.test/login: EWS does not redirect, a login page or proxy answered',
      );
    } finally {
      web.close();
    }
  });

  it('an untrusted, self-signed certificate: named as self-signed, with how to trust it', async () => {
    await withServer({ tls: true }, async (server) => {
      const run = await doctor([ALICE, '--server', server.url], passwordOf(server, ALICE));
      expect(run.code).toBe(1);
      expect(run.out).toMatch(
        /✗ tls +self-signed certificate \(CN=localhost\), trusted by nobody by default/,
      );
      expect(run.out).toMatch(
        /→ Trust this certificate: pass --ca FILE\.pem or set NODE_EXTRA_CA_CERTS=FILE\.pem/,
      );
      expect(run.out).toMatch(/- sign-in +skipped: the server certificate is not trusted \(see tls\)/);
      // Trusting it as told makes the step pass.
      const ca = await pemFile(server.tls!.ca);
      try {
        const again = await doctor(
          [ALICE, '--server', server.url, '--ca', ca.path],
          passwordOf(server, ALICE),
        );
        // Trusted now; the test server's certificate lives 7 days, so the step warns of its expiry.
        expect(again.out).toMatch(
          /! tls +trusted: CN=localhost issued by CN=localhost, TLSv1\.3, valid until .*; expires in [67] days/,
        );
        expect(again.out).toMatch(/→ Renew the certificate before it expires\./);
        expect(again.out).toMatch(/✓ mailbox +calendar of alice@contoso\.test is readable/);
      } finally {
        await ca.cleanup();
      }
    });
  });

  it('a certificate of a private CA that is not trusted here: named as a private CA', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const { report } = await doctorJson([ALICE, '--server', server.url], passwordOf(server, ALICE));
      const tls = onlyFailure(report, 'tls');
      expect(tls.detail).toMatch(/private CA|issued by CN=Contoso Test Root CA, which is unknown here/);
      expect(tls.advice).toMatch(/--ca FILE\.pem or set NODE_EXTRA_CA_CERTS=FILE\.pem/);
    });
  });

  it('hostname mismatch: the certificate names other hosts', async () => {
    const other = await privateCa(['mail.contoso.test']);
    const ca = await pemFile(other.ca);
    try {
      await withServer({ tls: other }, async (server) => {
        const { report } = await doctorJson(
          [ALICE, '--server', server.url, '--ca', ca.path],
          passwordOf(server, ALICE),
        );
        const tls = onlyFailure(report, 'tls');
        expect(tls.detail).toBe(
          'hostname mismatch: the certificate is for DNS:mail.contoso.test, not 127.0.0.1',
        );
        expect(tls.advice).toMatch(/reissued with 127\.0\.0\.1 in its Subject Alternative Names/);
      });
    } finally {
      await ca.cleanup();
    }
  });

  it('NTLM-only server with Basic forced: "server offers Negotiate, NTLM; Basic not offered"', async () => {
    await withServer({ tls: trusted, auth: ['ntlm'] }, async (server) => {
      const run = await doctor(
        [ALICE, '--server', server.url, '--ca', caFile.path, '--auth', 'basic'],
        passwordOf(server, ALICE),
      );
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/✗ auth-schemes +server offers Negotiate, NTLM; Basic not offered/);
      expect(run.out).toMatch(/→ Sign in with what the server offers: --auth ntlm\./);
      expect(run.out).toMatch(/- sign-in +skipped: Basic is not offered by the server/);
    });
  });

  it('channel binding required and missing: Extended Protection refuses the unbound sign-in', async () => {
    await withServer(
      { tls: trusted, auth: ['ntlm'], ntlm: { channelBinding: 'required' } },
      async (server) => {
        const args = [ALICE, '--server', server.url, '--ca', caFile.path, '--auth', 'ntlm'];
        const { run, report } = await doctorJson(
          [...args, '--no-channel-binding'],
          passwordOf(server, ALICE),
        );
        expect(run.code).toBe(1);
        const binding = onlyFailure(report, 'channel-binding');
        expect(binding.detail).toMatch(
          /^channel binding required and missing: the server enforces Extended Protection/,
        );
        expect(binding.advice).toMatch(/Drop --no-channel-binding/);
        expect(step(report, 'sign-in').status).toBe('skip');
        // The same server with the client's default (bound) passes.
        const bound = await doctorJson(args, passwordOf(server, ALICE));
        expect(bound.run.code).toBe(0);
        expect(step(bound.report, 'channel-binding').detail).toMatch(/^enforced \(Extended Protection\)/);
      },
    );
  });

  it('a server that does not enforce channel binding says so (and an Exchange 2019 is named)', async () => {
    const options = {
      tls: trusted,
      auth: ['ntlm'],
      ntlm: { channelBinding: 'off' },
      serverVersion: 'Exchange2019',
    } as const;
    await withServer(options, async (server) => {
      const { report } = await doctorJson(
        [ALICE, '--server', server.url, '--ca', caFile.path],
        passwordOf(server, ALICE),
      );
      expect(step(report, 'server-version').detail).toMatch(
        /^Microsoft Exchange Server 2019, build 15\.2\.1544\.4 /,
      );
      expect(step(report, 'channel-binding')).toMatchObject({
        status: 'pass',
        detail: 'not enforced: an NTLM sign-in without channel binding was accepted',
      });
    });
  });

  it('a wrong password: sign-in refused, with what to check', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const { report } = await doctorJson(
        [ALICE, '--server', server.url, '--ca', caFile.path],
        'not-the-password',
      );
      const signIn = onlyFailure(report, 'sign-in');
      expect(signIn.detail).toBe('alice@contoso.test was refused with Basic (HTTP 401)');
      expect(step(report, 'mailbox')).toMatchObject({ status: 'skip', detail: 'skipped: sign-in refused' });
    });
  });

  it('a wrong password over NTLM with Extended Protection: binding undecidable (warning), sign-in refused', async () => {
    await withServer({ tls: trusted, auth: ['ntlm'] }, async (server) => {
      const { report } = await doctorJson(
        [ALICE, '--server', server.url, '--ca', caFile.path],
        'not-the-password',
      );
      expect(step(report, 'channel-binding')).toMatchObject({
        status: 'warn',
        detail: 'could not tell: NTLM was refused both with and without channel binding',
      });
      expect(onlyFailure(report, 'sign-in').detail).toBe(
        'alice@contoso.test was refused with NTLM (HTTP 401)',
      );
    });
  });

  it('impersonation denied: the account lacks ApplicationImpersonation', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const { run, report } = await doctorJson(
        [ALICE, '--server', server.url, '--ca', caFile.path, '--impersonate', 'bob@contoso.test'],
        passwordOf(server, ALICE),
      );
      expect(run.code).toBe(1);
      const impersonation = onlyFailure(report, 'impersonation');
      expect(impersonation.detail).toBe(
        'impersonation denied: alice@contoso.test may not impersonate bob@contoso.test (ErrorImpersonateUserDenied)',
      );
      expect(impersonation.advice).toMatch(
        /New-ManagementRoleAssignment -Role ApplicationImpersonation -User alice@contoso\.test/,
      );
      expect(step(report, 'room-lists').status).toBe('pass');
    });
  });

  it('impersonating an unknown mailbox: ErrorNonExistentMailbox, told apart from a denial', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const { report } = await doctorJson(
        [
          ROOM,
          '--server',
          server.url,
          '--ca',
          caFile.path,
          '--user',
          SERVICE,
          '--impersonate',
          'nobody@contoso.test',
        ],
        passwordOf(server, SERVICE),
      );
      const impersonation = onlyFailure(report, 'impersonation');
      expect(impersonation.detail).toBe(
        'no mailbox nobody@contoso.test to impersonate (ErrorNonExistentMailbox); the right to impersonate was not the problem',
      );
    });
  });

  it('unknown mailbox: the calendar step says there is no such mailbox', async () => {
    await withServer({ tls: trusted }, async (server) => {
      const { run, report } = await doctorJson(
        ['nobody@contoso.test', '--server', server.url, '--ca', caFile.path, '--user', ALICE],
        passwordOf(server, ALICE),
      );
      expect(run.code).toBe(1);
      const mailbox = onlyFailure(report, 'mailbox');
      expect(mailbox.detail).toBe('no mailbox nobody@contoso.test on this server (ErrorNonExistentMailbox)');
      expect(mailbox.advice).toMatch(/primary SMTP address/);
    });
  });

  it('throttled: ErrorServerBusy with BackOffMilliseconds and 503 with Retry-After are named', async () => {
    await withServer(
      {
        tls: trusted,
        faults: {
          seed: 1,
          operations: ['GetFolder'],
          serverBusy: { rate: 1, backOffMilliseconds: 1500 },
        },
      },
      async (server) => {
        const { run, report } = await doctorJson(
          [ALICE, '--server', server.url, '--ca', caFile.path],
          passwordOf(server, ALICE),
        );
        expect(run.code).toBe(1);
        expect(step(report, 'mailbox')).toMatchObject({ status: 'fail', advice: 'See the throttling step.' });
        expect(step(report, 'mailbox').detail).toMatch(/^GetFolder was throttled: .*ErrorServerBusy/);
        expect(step(report, 'throttling')).toMatchObject({
          status: 'fail',
          detail: 'throttled: ErrorServerBusy on GetFolder (back off 1500 ms)',
        });
        expect(step(report, 'room-lists').status).toBe('pass');
      },
    );
    await withServer(
      {
        tls: trusted,
        faults: { seed: 1, operations: ['GetRoomLists'], http503: { rate: 1, retryAfterSeconds: 2 } },
      },
      async (server) => {
        const { report } = await doctorJson(
          [ALICE, '--server', server.url, '--ca', caFile.path],
          passwordOf(server, ALICE),
        );
        expect(step(report, 'room-lists').status).toBe('fail');
        expect(step(report, 'throttling').detail).toMatch(
          /^throttled: .*503.* on GetRoomLists \(back off 2000 ms\)$/,
        );
      },
    );
  });

  it('a step that gets no answer fails at its deadline and names it', async () => {
    // Accepts connections and never says a word: the TLS handshake waits forever.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const { run, report } = await doctorJson(
        [ALICE, '--server', `https://127.0.0.1:${port}/EWS/Exchange.asmx`, '--timeout', '500'],
        'unused-Secret-4711',
      );
      expect(run.code).toBe(1);
      expect(onlyFailure(report, 'tls')).toMatchObject({ detail: 'no answer within 500 ms' });
      expect(step(report, 'auth-schemes').detail).toBe('skipped: tls timed out');
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      silent.close();
    }
  });

  it('Ctrl-C cancels cleanly: "cancelled", exit code 130, no stack trace', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const listeners = process.listenerCount('SIGINT');
      const started = Date.now();
      const running = doctor(
        [ALICE, '--server', `https://127.0.0.1:${port}/EWS/Exchange.asmx`],
        'unused-Secret-4711',
      );
      setTimeout(() => process.emit('SIGINT'), 300);
      const run = await running;
      expect(run.code).toBe(130);
      expect(run.out).toMatch(/\ncancelled\n$/);
      expect(run.out + run.err).not.toMatch(/\n\s+at /);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(process.listenerCount('SIGINT')).toBe(listeners);
    } finally {
      silent.close();
    }
  });

  it('refuses what it cannot diagnose with one line and exit code 2', async () => {
    const run = await doctor(
      ['not-an-address', '--server', 'https://127.0.0.1:1/EWS/Exchange.asmx'],
      'unused-Secret-4711',
    );
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/'not-an-address' is not an e-mail address/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
