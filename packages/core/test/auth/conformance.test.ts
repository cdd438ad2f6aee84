import { describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { createBearerAuth } from '../../src/auth/bearer.js';
import { createClientCertificateAuth } from '../../src/auth/client-certificate.js';
import { createDigestAuth } from '../../src/auth/digest.js';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import {
  createBasicServerHandler,
  createBearerServerHandler,
  createDigestServerHandler,
  runAuthConformance,
} from '../../src/testing/index.js';

const PASSWORD = 'Conformance-Passw0rd!';
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.Y29uZm9ybWFuY2U.c2lnbmF0dXJl';

describe('auth conformance suite: built-in strategies', () => {
  it('Basic', async () => {
    const report = await runAuthConformance({
      name: 'Basic',
      create: () => createBasicAuth({ username: 'alice', password: PASSWORD }),
      secrets: [PASSWORD, Buffer.from(`alice:${PASSWORD}`).toString('base64')],
      server: createBasicServerHandler({ users: { alice: PASSWORD } }),
      expectedUser: 'alice',
    });
    expect(report.checks.map((c) => c.name)).toContain('round trip against the reference server');
    expect(report.checks.every((c) => c.passed)).toBe(true);
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
      // Every check ran, the interleaved-calls and closed-sockets ones included.
      expect(report.checks.length).toBe(10);
    });
  }

  it('Bearer (refreshing and static)', async () => {
    const server = createBearerServerHandler({ tokens: { [TOKEN]: 'alice@ews.test' } });
    await runAuthConformance({
      name: 'Bearer getToken',
      create: () =>
        createBearerAuth({
          getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
        }),
      secrets: [TOKEN],
      server,
      expectedUser: 'alice@ews.test',
    });
    await runAuthConformance({
      name: 'Bearer static',
      create: () => createBearerAuth({ token: TOKEN }),
      secrets: [TOKEN],
      server,
      expectedUser: 'alice@ews.test',
    });
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
    expect(report.checks.map((c) => c.name)).not.toContain('round trip against the reference server');
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
