import { afterEach, describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { affinityPolicy } from '../../src/pipeline/policies/affinity-policy.js';
import { requestIdPolicy } from '../../src/pipeline/policies/request-id-policy.js';
import { retryPolicy } from '../../src/pipeline/policies/retry-policy.js';
import { userAgentPolicy } from '../../src/pipeline/policies/user-agent-policy.js';
import type { Policy } from '../../src/pipeline/policy.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import { type FakeReply, type RecordedRequest, startFakeEws } from '../helpers/fake-ews-server.js';
import { nodeHttpTransport, testClassifier } from './helpers/node-http-transport.js';
import { ewsRequest } from './helpers/soap.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  policies: Policy[],
  reply: (request: RecordedRequest, index: number) => FakeReply = () => ({ body: 'ok' }),
) {
  const server = await startFakeEws(reply);
  const transport = nodeHttpTransport();
  cleanups.push(
    () => server.close(),
    () => transport.close(),
  );
  return { server, pipeline: createPipeline({ policies, transport }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('userAgentPolicy', () => {
  it('sends the User-Agent unless the request has one', async () => {
    const { server, pipeline } = await setup([userAgentPolicy('ews-ts/1.2.3 node/v20')]);
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(ewsRequest(server.url, 'GetItem', undefined, { 'user-agent': 'my-app/2' }));
    expect(server.requests.map((request) => request.headers['user-agent'])).toEqual([
      'ews-ts/1.2.3 node/v20',
      'my-app/2',
    ]);
  });

  it('refuses a value that could inject headers', () => {
    expect(() => userAgentPolicy('ews\r\nx-evil: 1')).toThrowError(/single line/);
    expect(() => userAgentPolicy('')).toThrowError(/non-empty/);
  });
});

describe('requestIdPolicy', () => {
  it('tags each call with a fresh uuid and asks Exchange to echo it', async () => {
    const { server, pipeline } = await setup([requestIdPolicy()]);
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    const [first, second] = server.requests;
    expect(first?.headers['client-request-id']).toMatch(UUID);
    expect(second?.headers['client-request-id']).toMatch(UUID);
    expect(first?.headers['client-request-id']).not.toBe(second?.headers['client-request-id']);
    expect(first?.headers['return-client-request-id']).toBe('true');
  });

  it('keeps one id across the retries of a call, and keeps a caller-set id', async () => {
    const { server, pipeline } = await setup(
      [
        requestIdPolicy(),
        retryPolicy({
          retry: faultTolerant({ maxTotalWaitMs: 1_000, maxAttempts: 3 }),
          classify: testClassifier(),
          isIdempotent: () => true,
          sleep: async () => {},
        }),
      ],
      (_request, index) => (index === 0 ? { status: 503, headers: { 'retry-after': '0' } } : { body: 'ok' }),
    );
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(
      ewsRequest(server.url, 'GetItem', undefined, { 'client-request-id': 'caller-chosen-id' }),
    );
    const ids = server.requests.map((request) => request.headers['client-request-id']);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe('caller-chosen-id');
  });
});

describe('affinityPolicy', () => {
  const setCookie = (value: string) => ({
    body: 'ok',
    headers: {
      'set-cookie': [
        `X-BackEndOverrideCookie=${value}; path=/; secure; HttpOnly`,
        'exchangecookie=abc; path=/',
      ],
    },
  });

  it('sends nothing without an anchor', async () => {
    const { server, pipeline } = await setup([affinityPolicy()]);
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    expect(server.requests[0]?.headers['x-anchormailbox']).toBeUndefined();
    expect(server.requests[0]?.headers['x-preferserveraffinity']).toBeUndefined();
  });

  it('prefers server affinity with an anchor and sends the back-end cookie back for that anchor', async () => {
    const { server, pipeline } = await setup(
      [affinityPolicy({ anchorMailbox: 'alice@contoso.com' })],
      (_r, index) => (index === 0 ? setCookie('MBX-01.contoso.com~1942062522') : { body: 'ok' }),
    );
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(ewsRequest(server.url, 'GetItem', undefined, { cookie: 'session=1' }));
    await pipeline.send(
      ewsRequest(server.url, 'GetItem', undefined, { 'x-anchormailbox': 'room.orion@contoso.com' }),
    );
    const [first, second, other] = server.requests;
    expect(first?.headers['x-anchormailbox']).toBe('alice@contoso.com');
    expect(first?.headers['x-preferserveraffinity']).toBe('true');
    expect(first?.headers.cookie).toBeUndefined();
    expect(second?.headers.cookie).toBe('session=1; X-BackEndOverrideCookie=MBX-01.contoso.com~1942062522');
    // Another mailbox lives elsewhere: its requests do not carry alice's cookie.
    expect(other?.headers['x-anchormailbox']).toBe('room.orion@contoso.com');
    expect(other?.headers['x-preferserveraffinity']).toBe('true');
    expect(other?.headers.cookie).toBeUndefined();
  });

  it('keeps cookies per policy instance and forgets an expired one', async () => {
    const { server, pipeline } = await setup(
      [affinityPolicy({ anchorMailbox: 'alice@contoso.com' })],
      (_r, index) => {
        if (index === 0) return setCookie('MBX-01~1');
        if (index === 2) {
          return {
            body: 'ok',
            headers: { 'set-cookie': 'X-BackEndOverrideCookie=; expires=Thu, 01-Jan-1970 00:00:00 GMT' },
          };
        }
        return { body: 'ok' };
      },
    );
    const second = await setup([affinityPolicy({ anchorMailbox: 'alice@contoso.com' })]);
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await second.pipeline.send(ewsRequest(second.server.url, 'GetItem'));
    expect(second.server.requests[0]?.headers.cookie).toBeUndefined();
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    await pipeline.send(ewsRequest(server.url, 'GetItem'));
    expect(server.requests.map((request) => request.headers.cookie)).toEqual([
      undefined,
      'X-BackEndOverrideCookie=MBX-01~1',
      'X-BackEndOverrideCookie=MBX-01~1',
      undefined,
    ]);
  });

  it('can leave out X-PreferServerAffinity', async () => {
    const { server, pipeline } = await setup([affinityPolicy({ preferServerAffinity: false })]);
    await pipeline.send(
      ewsRequest(server.url, 'GetItem', undefined, { 'x-anchormailbox': 'bob@contoso.com' }),
    );
    expect(server.requests[0]?.headers['x-anchormailbox']).toBe('bob@contoso.com');
    expect(server.requests[0]?.headers['x-preferserveraffinity']).toBeUndefined();
  });
});
