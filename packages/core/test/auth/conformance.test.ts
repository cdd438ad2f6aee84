import { describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { createBearerAuth } from '../../src/auth/bearer.js';
import { createClientCertificateAuth } from '../../src/auth/client-certificate.js';
import { createDigestAuth } from '../../src/auth/digest.js';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import {
  type AuthConformanceReport,
  conformanceVerdict,
  createBasicServerHandler,
  createBearerServerHandler,
  createDigestServerHandler,
  runAuthConformance,
} from '../../src/testing/index.js';

const PASSWORD = 'Conformance-Passw0rd!';
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.Y29uZm9ybWFuY2U.c2lnbmF0dXJl';

const ROUND_TRIP = 'round trip against the reference server';
const INTERLEAVED = 'interleaved calls keep their own state (keyed by their AuthRequest)';
const FORGETS_CLOSED = 'forgets the sockets that closed';
const DISPOSE = 'dispose is idempotent';

/** The checks that did not run; every other check of the kit ran and passed (the run resolved). */
function skippedOf(report: AuthConformanceReport): string[] {
  return report.checks.filter((check) => check.status === 'skipped').map((check) => check.name);
}

describe('auth conformance suite: built-in strategies', () => {
  it('Basic', async () => {
    const report = await runAuthConformance({
      name: 'Basic',
      create: () => createBasicAuth({ username: 'alice', password: PASSWORD }),
      secrets: [PASSWORD, Buffer.from(`alice:${PASSWORD}`).toString('base64')],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    });
    expect(report.checks).toHaveLength(10);
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    // Basic has no dispose and keeps nothing per socket (request-bound): those two did not run.
    expect(skippedOf(report)).toEqual([DISPOSE, FORGETS_CLOSED]);
  });

  for (const algorithm of ['MD5', 'SHA-256-sess'] as const) {
    it(`Digest (${algorithm})`, async () => {
      const report = await runAuthConformance({
        name: `Digest ${algorithm}`,
        create: () => createDigestAuth({ username: 'alice', password: PASSWORD }),
        secrets: [PASSWORD],
        server: createDigestServerHandler({ users: { alice: PASSWORD }, algorithm }),
        expectedUser: 'alice',
      });
      // Every check ran but the closed-sockets one: Digest is request-bound, it keeps nothing
      // per socket (main reported that check as passed although it never ran).
      expect(report.checks).toHaveLength(10);
      expect(report.checks.find((c) => c.name === FORGETS_CLOSED)).toEqual({
        name: FORGETS_CLOSED,
        status: 'skipped',
        detail: "binding 'request': the strategy keeps no state per socket",
      });
      expect(skippedOf(report)).toEqual([FORGETS_CLOSED]);
      expect(report.checks.find((c) => c.name === INTERLEAVED)?.status).toBe('passed');
    });
  }

  it('Bearer (refreshing and static)', async () => {
    const server = createBearerServerHandler({ tokens: { [TOKEN]: 'alice@ews.test' } });
    const refreshing = await runAuthConformance({
      name: 'Bearer getToken',
      create: () =>
        createBearerAuth({
          getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
        }),
      secrets: [TOKEN],
      server,
      expectedUser: 'alice@ews.test',
    });
    const fixed = await runAuthConformance({
      name: 'Bearer static',
      create: () => createBearerAuth({ token: TOKEN }),
      secrets: [TOKEN],
      server,
      expectedUser: 'alice@ews.test',
    });
    for (const report of [refreshing, fixed]) expect(skippedOf(report)).toEqual([FORGETS_CLOSED]);
  });

  it('ClientCertificate (contract checks only: it works at the TLS layer)', async () => {
    const key =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
    const report = await runAuthConformance({
      name: 'ClientCertificate',
      create: () =>
        createClientCertificateAuth({
          cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
          key,
          passphrase: 'pfx-passphrase',
        }),
      secrets: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'pfx-passphrase'],
    });
    // Listed, but skipped with the reason: no server, and no dispose.
    expect(skippedOf(report)).toEqual([DISPOSE, ROUND_TRIP, INTERLEAVED, FORGETS_CLOSED]);
    expect(report.checks.find((c) => c.name === ROUND_TRIP)?.detail).toBe(
      'no reference server was given (options.server)',
    );
  });
});

describe('auth conformance suite: a check that did not run never reads as passed', () => {
  const base = { specVersion: AUTH_SPEC_VERSION, binding: 'request' as const };

  it('reports every check that does not apply as skipped, with why, for a bare strategy', async () => {
    // No onChallenge, no dispose, no per-socket state, no secrets, no server.
    const report = await runAuthConformance({
      name: 'bare',
      create: (): AuthStrategy => ({
        ...base,
        scheme: 'Bare',
        authorize: () => Promise.reject(new Error('x')),
      }),
      secrets: [],
    });
    expect(Object.fromEntries(report.checks.map((c) => [c.name, c.status]))).toEqual({
      'contract shape': 'passed',
      'secrets absent when the strategy is printed': 'skipped',
      'authorize honours an aborted signal': 'passed',
      'gives up when the server keeps answering 401': 'passed',
      'does not answer an unrelated scheme': 'skipped',
      [DISPOSE]: 'skipped',
      [ROUND_TRIP]: 'skipped',
      [INTERLEAVED]: 'skipped',
      [FORGETS_CLOSED]: 'skipped',
      'secrets absent from thrown errors': 'skipped',
    });
    for (const check of report.checks) {
      if (check.status === 'skipped') expect(check.detail).toMatch(/^no |^binding /);
    }
  });

  it('a connection-bound strategy without per-socket state skips the closed-sockets check', async () => {
    const header = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    const report = await runAuthConformance({
      name: 'stateless connection-bound',
      create: (): AuthStrategy => ({
        ...base,
        binding: 'connection',
        scheme: 'Basic',
        authorize: (_request, context) => {
          context.signal.throwIfAborted();
          return { authorization: header };
        },
      }),
      secrets: [PASSWORD],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    });
    expect(report.checks.find((c) => c.name === FORGETS_CLOSED)).toEqual({
      name: FORGETS_CLOSED,
      status: 'skipped',
      detail: 'no onConnectionClosed/trackedConnections: the strategy keeps no state per socket',
    });
    expect(report.checks.find((c) => c.name === ROUND_TRIP)?.status).toBe('passed');
  });

  it('the verdict: any failure fails, skipped counts neither way, all-skipped fails', () => {
    const passed = { name: 'a', status: 'passed' } as const;
    const failed = { name: 'b', status: 'failed', detail: 'why' } as const;
    const skipped = { name: 'c', status: 'skipped', detail: 'why not' } as const;
    expect(conformanceVerdict([passed, skipped])).toBe('passed');
    expect(conformanceVerdict([passed, skipped, failed])).toBe('failed');
    // Nothing verified is not conformance.
    expect(conformanceVerdict([skipped, skipped])).toBe('failed');
    expect(conformanceVerdict([])).toBe('failed');
  });
});

describe('auth conformance suite: it catches broken strategies', () => {
  const base = { specVersion: AUTH_SPEC_VERSION, binding: 'request' as const };

  it('reports a leaking, storming, abort-ignoring strategy with every failed check', async () => {
    const leaky: () => AuthStrategy = () => {
      let disposed = false;
      return {
        ...base,
        scheme: 'Basic',
        password: PASSWORD,
        authorize: () => ({ authorization: 'Basic Zm9v' }),
        // Answers every challenge, even other schemes': a retry storm.
        onChallenge: () => ({ authorization: 'Basic Zm9v' }),
        dispose: () => {
          if (disposed) throw new Error(`already disposed (password ${PASSWORD})`);
          disposed = true;
        },
      } as AuthStrategy;
    };
    const error = await runAuthConformance({ name: 'leaky', create: leaky, secrets: [PASSWORD] }).catch(
      (e: unknown) => e,
    );
    const message = (error as Error).message;
    expect(message).toContain('Auth conformance failed for leaky');
    for (const check of [
      'secrets absent when the strategy is printed',
      'authorize honours an aborted signal',
      'gives up when the server keeps answering 401',
      'does not answer an unrelated scheme',
      'dispose is idempotent',
      'secrets absent from thrown errors',
    ]) {
      expect(message).toContain(check);
    }
    expect(message).not.toContain('contract shape');
    expect(message).not.toContain(PASSWORD);
  });

  it('reports a wrong contract and a failed round trip', async () => {
    const error = await runAuthConformance({
      name: 'wrong-password',
      create: () =>
        ({
          ...createBasicAuth({ username: 'alice', password: 'wrong' }),
          specVersion: 'ews.auth.v0',
        }) as never,
      secrets: ['wrong'],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain('contract shape: isAuthStrategy() is false');
    expect(message).toContain('round trip against the reference server: first request failed');
  });

  it('reports an authorize that hangs on an aborted signal as a failure, not a hang', async () => {
    const error = await runAuthConformance({
      name: 'hangs',
      create: () => ({ ...base, scheme: 'Hang', authorize: () => new Promise<undefined>(() => {}) }),
      secrets: [],
      checkTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/authorize honours an aborted signal: threw Error/);
  });
  it("reports per-call state kept in a field instead of under the call's AuthRequest", async () => {
    const header = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    // Answers one challenge per call, but remembers "answered" for the whole strategy: the
    // second of two overlapping calls sees the first call's flag and gives up.
    const sharedFlag = (): AuthStrategy => {
      let answered = false;
      return {
        ...base,
        scheme: 'Basic',
        authorize: () => {
          answered = false;
          return undefined;
        },
        onChallenge: () => {
          if (answered) return undefined;
          answered = true;
          return { authorization: header };
        },
      };
    };
    const error = await runAuthConformance({
      name: 'shared-flag',
      create: sharedFlag,
      secrets: [],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain(
      'interleaved calls keep their own state (keyed by their AuthRequest): call 2 of 2',
    );
    expect(message).not.toContain('round trip against the reference server');
  });

  it('reports a connection-bound strategy that never forgets a closed socket', async () => {
    const header = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    const hoarder = (): AuthStrategy => {
      const seen = new Set<number>();
      return {
        ...base,
        binding: 'connection',
        scheme: 'Basic',
        authorize: () => ({ authorization: header }),
        onSuccess: (response) => {
          if (response.connection) seen.add(response.connection.id);
        },
        onConnectionClosed: () => {}, // hears of the close, forgets nothing
        trackedConnections: () => seen.size,
      };
    };
    const error = await runAuthConformance({
      name: 'hoarder',
      create: hoarder,
      secrets: [],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'forgets the sockets that closed: trackedConnections() is 1 after every socket closed (expected 0)',
    );
  });

  it('reports a strategy that keeps state per socket (onConnectionClosed) without trackedConnections', async () => {
    const header = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    const error = await runAuthConformance({
      name: 'unobservable',
      create: (): AuthStrategy => ({
        ...base,
        binding: 'connection',
        scheme: 'Basic',
        authorize: () => ({ authorization: header }),
        onConnectionClosed: () => {},
      }),
      secrets: [],
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'contract shape: implements onConnectionClosed (state per socket) but not trackedConnections()',
    );
  });
});
