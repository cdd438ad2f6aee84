import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_SPEC_VERSION, type AuthStrategy } from '../../src/auth/strategy.js';
import { isIdempotent } from '../../src/operations/idempotency.js';
import type { EwsHttpRequest } from '../../src/pipeline/http.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { affinityPolicy } from '../../src/pipeline/policies/affinity-policy.js';
import { authPolicy } from '../../src/pipeline/policies/auth-policy.js';
import { loggingPolicy } from '../../src/pipeline/policies/logging-policy.js';
import { requestIdPolicy } from '../../src/pipeline/policies/request-id-policy.js';
import { retryPolicy } from '../../src/pipeline/policies/retry-policy.js';
import { userAgentPolicy } from '../../src/pipeline/policies/user-agent-policy.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import type { Transport } from '../../src/transport/transport.js';
import { getItemPartialResponse, serverBusyFault } from '../helpers/exchange-responses.js';
import { startFakeEws } from '../helpers/fake-ews-server.js';
import { nodeHttpTransport, testClassifier } from '../pipeline/helpers/node-http-transport.js';
import { recordingLogger } from '../pipeline/helpers/recording-logger.js';
import { ewsRequest } from '../pipeline/helpers/soap.js';

const BASIC = 'Basic YWxpY2U6c2VjcmV0'; // alice:secret
const NEGOTIATE_TOKEN = 'oYGgMIGdoAMKAQChCwYJKoZIgvcSAQICooGIBIGFYIGCBgkqhkiG9xIBAgICAG9zMHGgAwIBBaEDAgEP';
const ACCESS_TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlLmNvbSJ9.c2lnbmF0dXJl';
const SESSION_COOKIE = 'SESSION-7f3a9c1e44b2';
const BACKEND_COOKIE = 'MBX-07.contoso.com~1942062522~BACKEND';
const CANARY = 'X-OWA-CANARY-e1f2a3b4c5d6';
const SECRETS = [
  'YWxpY2U6c2VjcmV0',
  'alice:secret',
  NEGOTIATE_TOKEN,
  ACCESS_TOKEN,
  SESSION_COOKIE,
  BACKEND_COOKIE,
  CANARY,
];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Basic auth as a strategy: sends the password on every attempt and on the 401 retry. */
const basic: AuthStrategy = {
  specVersion: AUTH_SPEC_VERSION,
  scheme: 'Basic',
  binding: 'request',
  sendsReusableSecret: true,
  authorize: () => ({ authorization: BASIC }),
  onChallenge: () => ({ authorization: BASIC }),
};

describe('a traced call through the whole pipeline', () => {
  it('never shows the logger a password, Authorization value, token or cookie', async () => {
    const server = await startFakeEws((_request, index) => {
      if (index === 0) {
        return {
          status: 500,
          body: serverBusyFault(10),
          headers: { 'set-cookie': `X-OWA-CANARY=${CANARY}` },
        };
      }
      if (index === 1) {
        return {
          status: 401,
          headers: { 'www-authenticate': [`Negotiate ${NEGOTIATE_TOKEN}`, 'Basic realm="contoso"'] },
        };
      }
      return {
        body: getItemPartialResponse(),
        headers: {
          'set-cookie': [
            `X-BackEndOverrideCookie=${BACKEND_COOKIE}; path=/`,
            `X-OWA-CANARY=${CANARY}; path=/`,
          ],
        },
      };
    });
    const wire = nodeHttpTransport();
    cleanups.push(
      () => server.close(),
      () => wire.close(),
    );
    const transport: Transport = {
      send: (request: EwsHttpRequest) => wire.send(request),
      lease: () => Promise.reject(new Error('Basic is not connection-bound')),
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    };
    const logger = recordingLogger();
    const pipeline = createPipeline({
      policies: [
        userAgentPolicy('ews-ts/0.0.0-test node/v20'),
        requestIdPolicy(),
        affinityPolicy({ anchorMailbox: 'alice@contoso.com' }),
        retryPolicy({
          retry: faultTolerant({ maxTotalWaitMs: 1_000, maxAttempts: 3 }),
          classify: testClassifier(),
          isIdempotent,
          sleep: async () => {},
          logger,
        }),
        authPolicy({ strategy: basic, transport, logger, allowInsecureHttp: true }),
        loggingPolicy({ logger, trace: true }),
      ],
      transport,
    });

    const request = ewsRequest(`${server.url}?access_token=${ACCESS_TOKEN}`, 'GetItem', undefined, {
      cookie: `session=${SESSION_COOKIE}`,
    });
    const response = await pipeline.send(request);
    // A second call carries the back-end cookie the first one received.
    await pipeline.send(request);

    // The secrets really went over the wire…
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(4);
    expect(server.requests.map((sent) => sent.headers.authorization)).toEqual([BASIC, BASIC, BASIC, BASIC]);
    expect(server.requests[3]?.headers.cookie).toBe(
      `session=${SESSION_COOKIE}; X-BackEndOverrideCookie=${BACKEND_COOKIE}`,
    );
    expect(server.requests[0]?.url).toContain(ACCESS_TOKEN);

    // …and the logger saw every exchange, with the credentials replaced.
    const messages = logger.lines.map((line) => line.message);
    expect(messages.filter((message) => message === 'ews: request')).toHaveLength(4);
    expect(messages.filter((message) => message === 'ews: response body')).toHaveLength(4);
    expect(messages).toContain('ews: waiting before retrying');
    const firstRequest = logger.lines.find((line) => line.message === 'ews: request');
    expect(firstRequest?.fields?.headers).toMatchObject({ authorization: 'REDACTED', cookie: 'REDACTED' });
    expect(firstRequest?.fields?.url).toBe(`${server.url}?access_token=REDACTED`);
    const challenge = logger.lines.find(
      (line) => line.message === 'ews: response' && line.fields?.status === 401,
    );
    expect(challenge?.fields?.headers).toMatchObject({ 'www-authenticate': 'Negotiate …, Basic …' });

    const printed = logger.printed();
    for (const secret of SECRETS) expect(printed).not.toContain(secret);
  });
});
