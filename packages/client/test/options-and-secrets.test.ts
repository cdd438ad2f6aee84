import { Console } from 'node:console';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { format, inspect } from 'node:util';
import {
  type AuthStrategy,
  createBearerAuth,
  describeValue,
  EwsError,
  type EwsHttpResponse,
  NO_DEADLINE,
  type Transport,
} from '@ews/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNumericProbe, numericInputsOf } from '../../../tools/numeric-options.mjs';
import { Account, Configuration, Credentials } from '../src/index.js';

/*
 * Issue 12 for @ews/client. Defect 11: a password in serviceEndpoint was not sent, yet
 * util.inspect and JSON.stringify of the Configuration and the Account printed it; it is now
 * refused (credentials go in `credentials`), and both objects show themselves without secrets
 * whatever they hold (token credentials included). Defect 12: numeric options are checked when
 * the Configuration is made, not at the first call.
 */

const PASSWORD = 'Alice-S3cret&Pass';
const SECRET = 'client-secret-value-123';

/** What an app may print: String, JSON, util.inspect (deep, hidden fields too), console. */
function shown(value: unknown): string[] {
  let printed = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  const console = new Console({ stdout: sink, stderr: sink });
  console.log(value);
  console.log('%o', value);
  console.log({ value });
  return [
    String(value),
    JSON.stringify(value),
    JSON.stringify({ value }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect({ nested: { value } }, { depth: Number.POSITIVE_INFINITY }),
    format('%s %O %j', value, value, value),
    printed,
  ];
}

function expectNoSecret(value: unknown, secrets: readonly string[]): void {
  for (const text of shown(value)) {
    for (const secret of secrets) {
      expect(text.includes(secret) ? `shows ${secret}: ${text.slice(0, 300)}` : 'clean').toBe('clean');
    }
  }
}

/** The refusal every numeric check gives. */
const invalidArgument = (error: unknown) =>
  EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT';

describe('credentials in the endpoint', () => {
  it.each([
    { serviceEndpoint: `http://alice:${PASSWORD}@mail.example.com/EWS/Exchange.asmx` },
    {
      serviceEndpoint: new URL(
        `https://alice:${encodeURIComponent(PASSWORD)}@mail.example.com/EWS/Exchange.asmx`,
      ),
    },
    { server: `alice:${PASSWORD}@mail.example.com` },
    { server: 'mail.example.com/owa' },
  ])('are refused, saying where they go, without repeating them: %#', (options) => {
    let error: unknown;
    try {
      new Configuration({ ...options, credentials: new Credentials('alice', PASSWORD) });
    } catch (caught) {
      error = caught;
    }
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    expectNoSecret(error, [PASSWORD, encodeURIComponent(PASSWORD)]);
  });
});

describe('how a Configuration and an Account show themselves', () => {
  const tokenCredentials = {
    clientSecret: SECRET,
    toAuthStrategy: (): AuthStrategy => createBearerAuth({ token: 'abcdefgh' }),
  };

  it('Configuration: endpoint, auth type, version and who, never a password or a token secret', async () => {
    const withPassword = new Configuration({
      serviceEndpoint: 'https://mail.example.com/EWS/Exchange.asmx',
      credentials: new Credentials('alice', PASSWORD),
      authType: 'basic',
    });
    const withToken = new Configuration({ server: 'mail.example.com', credentials: tokenCredentials });
    for (const config of [withPassword, withToken]) {
      void config.client; // the client is made: its auth strategy holds the secret too
      expectNoSecret(config, [PASSWORD, SECRET, 'abcdefgh']);
      await config.close();
    }
    expect(JSON.parse(JSON.stringify(withPassword))).toEqual({
      serviceEndpoint: 'https://mail.example.com/EWS/Exchange.asmx',
      authType: 'basic',
      credentials: 'Credentials(alice)',
    });
    expect(inspect(withToken)).toContain("credentials: 'Object(…)'");
  });

  it('Account: its mailbox and configuration, never a password or a token secret', async () => {
    const config = new Configuration({
      server: 'mail.example.com',
      credentials: new Credentials('alice', PASSWORD),
      authType: 'basic',
    });
    const account = new Account({ primarySmtpAddress: 'alice@example.com', config });
    expectNoSecret(account, [PASSWORD]);
    const withToken = new Configuration({ server: 'mail.example.com', credentials: tokenCredentials });
    expectNoSecret(new Account({ primarySmtpAddress: 'alice@example.com', config: withToken }), [SECRET]);
    await withToken.close();
    expect(JSON.parse(JSON.stringify(account))).toMatchObject({
      primarySmtpAddress: 'alice@example.com',
      accessType: 'delegate',
      config: { serviceEndpoint: 'https://mail.example.com/EWS/Exchange.asmx' },
    });
    await config.close();
  });
});

describe('errors of an Account whose server echoes the credentials', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const header = request.headers.authorization ?? '';
        const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
        const echo = `${header} ${decoded}`.replace(/&/g, '&amp;');
        response.writeHead(500, { 'content-type': 'text/html', 'x-caserrorcode': `CAS error: ${decoded}` });
        response.end(`<html><head><title>Error for ${echo}</title></head><body>${echo}</body></html>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never carry the password, whatever the error and however it is shown', async () => {
    const config = new Configuration({
      serviceEndpoint: url,
      credentials: new Credentials('alice', PASSWORD),
      authType: 'basic',
      allowInsecureHttp: true,
      timeoutMs: 10_000,
    });
    const account = new Account({ primarySmtpAddress: 'alice@example.com', config });
    const errors = await Promise.all([
      account.inbox
        .all()
        .first()
        .catch((error: unknown) => error),
      account.oofSettings().catch((error: unknown) => error),
      account
        .bulkDelete([{ id: 'AAMk' }])
        .then((results) => (results[0]?.ok ? undefined : results[0]?.error)),
    ]);
    for (const error of errors) {
      expect(EwsError.isInstance(error) && error.code).toBe('EWS_HTTP');
      expectNoSecret(error, [PASSWORD, 'Alice-S3cret', Buffer.from(`alice:${PASSWORD}`).toString('base64')]);
    }
    await config.close();
  });
});

const MAX_TIMER_MS = 2_147_483_647;
const PROBES = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -0.5, MAX_TIMER_MS + 1];
const deadline = (v: number) => v === NO_DEADLINE || (Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS);

/** A transport that fails every exchange at once, so a discovery with valid options ends offline. */
const offline: Transport = {
  send: async (): Promise<EwsHttpResponse> => {
    throw new Error('offline');
  },
  lease: async () => {
    throw new Error('offline');
  },
  close: async () => {},
  [Symbol.asyncDispose]: async () => {},
};

const discoverWith = (key: string) => async (value: number) => {
  const account = await Account.create({
    primarySmtpAddress: 'alice@contoso.com',
    credentials: new Credentials('alice', PASSWORD),
    autodiscover: {
      discovery: {
        [key]: value,
        transport: offline,
        dns: { resolveSrv: async () => [] },
        cache: false,
        protocols: ['pox'],
      },
      configuration: { authType: 'basic' },
    },
  });
  await account.close();
};

interface Row {
  readonly option: string;
  readonly accepts: (value: number) => boolean;
  readonly apply: (value: number) => unknown;
}

const ROWS: Readonly<Record<string, Row>> = {
  'ConfigurationOptions.connections': {
    option: 'connections',
    accepts: (v) => Number.isSafeInteger(v) && v >= 1 && v <= 1_024,
    apply: (value) => new Configuration({ server: 'mail.example.com', connections: value }),
  },
  'ConfigurationOptions.maxConnections': {
    option: 'maxConnections',
    accepts: (v) => Number.isSafeInteger(v) && v >= 1 && v <= 1_024,
    apply: (value) => new Configuration({ server: 'mail.example.com', maxConnections: value }),
  },
  'ConfigurationOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (value) => new Configuration({ server: 'mail.example.com', timeoutMs: value }),
  },
  // Checked by @ews/autodiscover when discovery starts (before any request).
  'DiscoveryOptions.cacheTtlMs': {
    option: 'cacheTtlMs',
    accepts: (v) => Number.isSafeInteger(v) && v >= 1,
    apply: discoverWith('cacheTtlMs'),
  },
  'DiscoveryOptions.maxRedirects': {
    option: 'maxRedirects',
    accepts: (v) => Number.isSafeInteger(v) && v >= 0,
    apply: discoverWith('maxRedirects'),
  },
  'DiscoveryOptions.maxResponseBytes': {
    option: 'maxResponseBytes',
    accepts: (v) => Number.isSafeInteger(v) && v >= 1,
    apply: discoverWith('maxResponseBytes'),
  },
  'DiscoveryOptions.stepTimeoutMs': {
    option: 'stepTimeoutMs',
    accepts: deadline,
    apply: discoverWith('stepTimeoutMs'),
  },
  'DiscoveryOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: discoverWith('timeoutMs'),
  },
};

describe('every numeric option of @ews/client', () => {
  it('the table has a row for every numeric input of the public API, and no other', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    expect(Object.keys(ROWS).sort()).toEqual(numericInputsOf(entry, { ownOnly: true }));
  }, 60_000);

  for (const [key, row] of Object.entries(ROWS)) {
    it.each(PROBES)(`${key} = %s`, async (value) => {
      await expectNumericProbe(row, value, { isInvalidArgument: invalidArgument, describeValue });
    });
  }
});
