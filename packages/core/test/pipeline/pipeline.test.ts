import { afterEach, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { silentLogger } from '../../src/logging/logger.js';
import { isIdempotent } from '../../src/operations/idempotency.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { affinityPolicy } from '../../src/pipeline/policies/affinity-policy.js';
import { AUTH_POLICY_NAME } from '../../src/pipeline/policies/auth-policy.js';
import { loggingPolicy } from '../../src/pipeline/policies/logging-policy.js';
import { requestIdPolicy } from '../../src/pipeline/policies/request-id-policy.js';
import { retryPolicy } from '../../src/pipeline/policies/retry-policy.js';
import { userAgentPolicy } from '../../src/pipeline/policies/user-agent-policy.js';
import type { Policy } from '../../src/pipeline/policy.js';
import { DEFAULT_POLICY_ORDER } from '../../src/pipeline/policy-order.js';
import { failFast } from '../../src/retry/retry-policy-options.js';
import { startFakeEws } from '../helpers/fake-ews-server.js';
import { nodeHttpTransport, testClassifier } from './helpers/node-http-transport.js';
import { ewsRequest } from './helpers/soap.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A policy that stamps its name on the way in, so the server sees the order they ran in. */
function stamp(name: string): Policy {
  return {
    name,
    send: (request, next) =>
      next({
        ...request,
        headers: { ...request.headers, 'x-trail': `${request.headers['x-trail'] ?? ''}${name};` },
      }),
  };
}

async function trailServer() {
  const server = await startFakeEws(() => ({ body: 'ok' }));
  const transport = nodeHttpTransport();
  cleanups.push(
    () => server.close(),
    () => transport.close(),
  );
  return { server, transport };
}

describe('createPipeline', () => {
  it('runs policies outermost first and ends at the transport', async () => {
    const { server, transport } = await trailServer();
    const pipeline = createPipeline({ policies: [stamp('a'), stamp('b'), stamp('c')], transport });
    expect(pipeline.policies).toEqual(['a', 'b', 'c']);
    const response = await pipeline.send(ewsRequest(server.url, 'GetItem'));
    expect(response.body).toBe('ok');
    expect(server.requests[0]?.headers['x-trail']).toBe('a;b;c;');
  });

  it('rejects duplicate names', () => {
    const transport = { send: () => Promise.reject(new Error('unused')) };
    const build = () => createPipeline({ policies: [stamp('a'), stamp('b'), stamp('a')], transport });
    expect(build).toThrowError(/already has a policy named "a"/);
    try {
      build();
    } catch (error) {
      expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    }
  });

  it('adds and removes policies immutably, placed before or after a named one', async () => {
    const { server, transport } = await trailServer();
    const base = createPipeline({ policies: [stamp('a'), stamp('c')], transport });
    const withB = base.withPolicy(stamp('b'), { before: 'c' });
    const withD = withB.withPolicy(stamp('d'), { after: 'a' });
    const withE = withD.withPolicy(stamp('e'));
    expect(base.policies).toEqual(['a', 'c']);
    expect(withB.policies).toEqual(['a', 'b', 'c']);
    expect(withD.policies).toEqual(['a', 'd', 'b', 'c']);
    expect(withE.policies).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(withE.without('b').policies).toEqual(['a', 'd', 'c', 'e']);
    expect(withE.policies).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect(Object.isFrozen(withE.policies)).toBe(true);

    await withE.without('d').send(ewsRequest(server.url, 'GetItem'));
    await base.send(ewsRequest(server.url, 'GetItem'));
    expect(server.requests.map((request) => request.headers['x-trail'])).toEqual(['a;b;c;e;', 'a;c;']);
  });

  it('refuses unknown names and duplicates when adding or removing', () => {
    const transport = { send: () => Promise.reject(new Error('unused')) };
    const pipeline = createPipeline({ policies: [stamp('a')], transport });
    expect(() => pipeline.withPolicy(stamp('b'), { before: 'nope' })).toThrowError(/no policy named "nope"/);
    expect(() => pipeline.withPolicy(stamp('a'), { after: 'a' })).toThrowError(
      /already has a policy named "a"/,
    );
    expect(() => pipeline.without('nope')).toThrowError(/no policy named "nope"/);
  });

  it('documents the built-in order, and the built-in policies carry those names', () => {
    expect(DEFAULT_POLICY_ORDER).toEqual(['userAgent', 'requestId', 'affinity', 'retry', 'auth', 'logging']);
    expect(Object.isFrozen(DEFAULT_POLICY_ORDER)).toBe(true);
    const builtIns = [
      userAgentPolicy('ews-ts/test'),
      requestIdPolicy(),
      affinityPolicy(),
      retryPolicy({ retry: failFast(), classify: testClassifier(), isIdempotent }),
      { name: AUTH_POLICY_NAME, send: () => Promise.reject(new Error('unused')) } satisfies Policy,
      loggingPolicy({ logger: silentLogger }),
    ];
    expect(builtIns.map((policy) => policy.name)).toEqual([...DEFAULT_POLICY_ORDER]);
  });
});
