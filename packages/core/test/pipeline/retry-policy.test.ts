import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyHttpResponse } from '../../src/errors/classify-http-response.js';
import {
  EwsInvalidArgumentError,
  EwsTimeoutError,
  EwsTransportError,
} from '../../src/errors/error-classes.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { isIdempotent } from '../../src/operations/idempotency.js';
import type { EwsHttpRequest } from '../../src/pipeline/http.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { retryPolicy } from '../../src/pipeline/policies/retry-policy.js';
import type { Policy } from '../../src/pipeline/policy.js';
import { abortableSleep, type Sleep } from '../../src/retry/abortable-sleep.js';
import { failFast, faultTolerant, type RetryPolicy } from '../../src/retry/retry-policy-options.js';
import { EwsThrottledError } from '../../src/retry/throttled-error.js';
import { createItemResponse, serverBusyFault } from '../helpers/exchange-responses.js';
import { type FakeEwsServer, type FakeReply, startFakeEws } from '../helpers/fake-ews-server.js';
import { nodeHttpTransport, testClassifier } from './helpers/node-http-transport.js';
import { ewsRequest } from './helpers/soap.js';

const GET_ITEM_OK = '<m:GetItemResponse>…NoError…</m:GetItemResponse>';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: (index: number) => FakeReply): Promise<FakeEwsServer> {
  const server = await startFakeEws((_request, index) => handler(index));
  cleanups.push(() => server.close());
  return server;
}

/** A sleep that records what it was asked and returns at once (no wall-clock waiting). */
function recordingSleep(): Sleep & { readonly slept: number[] } {
  const slept: number[] = [];
  const sleep = async (ms: number, signal: AbortSignal) => {
    slept.push(ms);
    signal.throwIfAborted();
  };
  return Object.assign(sleep, { slept });
}

function pipelineFor(
  retry: RetryPolicy,
  options: { sleep?: Sleep; random?: () => number; now?: () => number; inner?: Policy[] } = {},
) {
  const transport = nodeHttpTransport();
  cleanups.push(() => transport.close());
  const policy = retryPolicy({
    retry,
    classify: testClassifier(options.now),
    isIdempotent,
    sleep: options.sleep ?? recordingSleep(),
    random: options.random ?? (() => 0),
  });
  return createPipeline({ policies: [policy, ...(options.inner ?? [])], transport });
}

const tolerant = faultTolerant({
  maxTotalWaitMs: 10_000,
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
});

describe('retryPolicy: never re-sends a request the server may have executed', () => {
  it('sends a CreateItem whose connection died after the body was received exactly once', async () => {
    const server = await serve(() => 'destroy');
    const sleep = recordingSleep();
    const error = await pipelineFor(tolerant, { sleep })
      .send(ewsRequest(server.url, 'CreateItem'))
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toContain('<m:CreateItem');
    expect(EwsError.isInstance(error)).toBe(true);
    expect((error as EwsError).code).toBe('EWS_TRANSPORT');
    expect((error as EwsError).requestFate).toBe('unknown');
    expect((error as EwsError).operation).toBe('CreateItem');
    expect((error as Error).message).toMatch(/may have been executed.*not re-sent/i);
    expect(sleep.slept).toEqual([]);
  });

  it('says so under fail-fast too', async () => {
    const server = await serve(() => 'destroy');
    const error = await pipelineFor(failFast())
      .send(ewsRequest(server.url, 'CreateItem'))
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(1);
    expect((error as EwsError).requestFate).toBe('unknown');
    expect((error as Error).message).toMatch(/may have been executed/i);
  });

  it('re-sends a GetItem after the same ambiguous failure', async () => {
    const server = await serve((index) => (index === 0 ? 'destroy' : { body: GET_ITEM_OK }));
    const response = await pipelineFor(tolerant).send(ewsRequest(server.url, 'GetItem'));
    expect(server.requests).toHaveLength(2);
    expect(response.body).toBe(GET_ITEM_OK);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
  });

  it('gives up on a GetItem that keeps failing, saying how much it tried', async () => {
    const server = await serve(() => 'destroy');
    const sleep = recordingSleep();
    const retry = faultTolerant({
      maxTotalWaitMs: 10_000,
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
    });
    const error = await pipelineFor(retry, { sleep, random: () => 0.5 })
      .send(ewsRequest(server.url, 'GetItem'))
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(3);
    expect(sleep.slept).toEqual([50, 100]);
    expect(error).toBeInstanceOf(EwsTransportError);
    expect(error).toMatchObject({
      code: 'EWS_TRANSPORT',
      requestFate: 'unknown',
      transportCode: 'ECONNRESET',
    });
    expect((error as Error).message).toMatch(
      /gave up after 3 attempts and 150 ms of waiting: maxAttempts \(3\)/,
    );
  });

  it('treats a per-attempt headers timeout like a lost connection: GetItem retried, CreateItem not', async () => {
    // Stands in for the transport's headers timeout: the request reached the server, no answer came in time.
    const headersTimeout: Policy = {
      name: 'headersTimeout',
      send: async (request, next) => {
        const response = await next(request);
        if (request.attempt === 1) {
          throw new EwsTimeoutError('No response headers within 50 ms', {
            requestFate: 'unknown',
            timeoutMs: 50,
          });
        }
        return response;
      },
    };
    const server = await serve(() => ({ body: GET_ITEM_OK }));
    const create = await pipelineFor(tolerant, { inner: [headersTimeout] })
      .send(ewsRequest(server.url, 'CreateItem'))
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(1);
    expect(create).toBeInstanceOf(EwsTimeoutError);
    expect(create).toMatchObject({ code: 'EWS_TIMEOUT', requestFate: 'unknown', timeoutMs: 50 });
    expect((create as Error).message).toMatch(/may have been executed.*No response headers within 50 ms/);

    const get = await pipelineFor(tolerant, { inner: [headersTimeout] }).send(
      ewsRequest(server.url, 'GetItem'),
    );
    expect(get.body).toBe(GET_ITEM_OK);
    expect(server.requests).toHaveLength(3);
  });

  it('re-sends a CreateItem whose connection failed before anything was sent', async () => {
    const server = await serve(() => ({ body: createItemResponse() }));
    const dead = await startFakeEws(() => ({}));
    const deadUrl = new URL(dead.url);
    await dead.close();
    const transport = nodeHttpTransport();
    cleanups.push(() => transport.close());
    let calls = 0;
    // The first attempt goes to a closed port: a real ECONNREFUSED, before any byte is written.
    const firstToDeadPort = {
      send: (request: EwsHttpRequest) =>
        transport.send(calls++ === 0 ? { ...request, url: deadUrl } : request),
    };
    const pipeline = createPipeline({
      policies: [
        retryPolicy({ retry: tolerant, classify: testClassifier(), isIdempotent, sleep: recordingSleep() }),
      ],
      transport: firstToDeadPort,
    });
    const response = await pipeline.send(ewsRequest(server.url, 'CreateItem'));
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(response.body).toContain('CreateItemResponse');
  });

  it('returns a maybe-executed transient answer for CreateItem without re-sending, and retries it for GetItem', async () => {
    const create = await serve(() => ({ status: 504, body: 'Gateway Timeout' }));
    const response = await pipelineFor(tolerant).send(ewsRequest(create.url, 'CreateItem'));
    expect(response.status).toBe(504);
    expect(create.requests).toHaveLength(1);

    const get = await serve((index) =>
      index === 0 ? { status: 504, body: 'Gateway Timeout' } : { body: GET_ITEM_OK },
    );
    expect((await pipelineFor(tolerant).send(ewsRequest(get.url, 'GetItem'))).status).toBe(200);
    expect(get.requests).toHaveLength(2);
  });

  it('retries a not-executed transient answer for any operation', async () => {
    const server = await serve((index) =>
      index === 0 ? { status: 502, body: 'Bad Gateway' } : { body: createItemResponse() },
    );
    const response = await pipelineFor(tolerant).send(ewsRequest(server.url, 'CreateItem'));
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a transport failure that is not transient (an untrusted certificate)', async () => {
    let calls = 0;
    const untrusted: Policy = {
      name: 'tls',
      send: async () => {
        calls += 1;
        throw new EwsTransportError('certificate has expired', {
          requestFate: 'not-sent',
          transportCode: 'CERT_HAS_EXPIRED',
        });
      },
    };
    const error = await pipelineFor(tolerant, { inner: [untrusted] })
      .send(ewsRequest('https://127.0.0.1:9/EWS/Exchange.asmx', 'GetItem'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EWS_TRANSPORT', transportCode: 'CERT_HAS_EXPIRED' });
    expect(calls).toBe(1);
  });

  it('does not retry errors that would fail again', async () => {
    let calls = 0;
    const refusing: Policy = {
      name: 'auth',
      send: async () => {
        calls += 1;
        throw new EwsInvalidArgumentError('refusing Basic over http');
      },
    };
    const error = await pipelineFor(tolerant, { inner: [refusing] })
      .send(ewsRequest('http://127.0.0.1:9/EWS/Exchange.asmx', 'GetItem'))
      .catch((e: unknown) => e);
    expect((error as EwsError).code).toBe('EWS_INVALID_ARGUMENT');
    expect(calls).toBe(1);
  });
});

describe('retryPolicy: throttling', () => {
  it('honours ErrorServerBusy BackOffMilliseconds=300 and re-authorizes each attempt', async () => {
    const server = await serve((index) =>
      index === 0 ? { status: 500, body: serverBusyFault(300) } : { body: createItemResponse() },
    );
    const sleep = recordingSleep();
    const seen: (number | undefined)[] = [];
    const inner: Policy = {
      name: 'auth',
      send: (request, next) => {
        seen.push(request.attempt);
        return next({
          ...request,
          headers: { ...request.headers, authorization: `Bearer token-${seen.length}` },
        });
      },
    };
    const response = await pipelineFor(tolerant, { sleep, inner: [inner] }).send(
      ewsRequest(server.url, 'CreateItem'),
    );
    expect(response.body).toContain('CreateItemResponse');
    expect(sleep.slept).toEqual([300]);
    expect(seen).toEqual([1, 2]);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('never comes back sooner than the server asked, but may wait longer by jitter', async () => {
    const server = await serve((index) =>
      index === 0 ? { status: 500, body: serverBusyFault(300) } : { body: GET_ITEM_OK },
    );
    const sleep = recordingSleep();
    const retry = faultTolerant({ maxTotalWaitMs: 10_000, baseDelayMs: 1_000, maxDelayMs: 1_000 });
    await pipelineFor(retry, { sleep, random: () => 0.5 }).send(ewsRequest(server.url, 'GetItem'));
    expect(sleep.slept).toEqual([500]);
  });

  it('honours Retry-After in seconds', async () => {
    const server = await serve((index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { body: GET_ITEM_OK },
    );
    const sleep = recordingSleep();
    await pipelineFor(tolerant, { sleep }).send(ewsRequest(server.url, 'GetItem'));
    expect(sleep.slept).toEqual([2_000]);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const now = Date.UTC(2026, 10, 23, 20, 0, 0);
    const server = await serve((index) =>
      index === 0
        ? { status: 429, headers: { 'retry-after': new Date(now + 5_000).toUTCString() } }
        : { body: GET_ITEM_OK },
    );
    const sleep = recordingSleep();
    await pipelineFor(tolerant, { sleep, now: () => now }).send(ewsRequest(server.url, 'GetItem'));
    expect(sleep.slept).toEqual([5_000]);
  });

  it('fails fast by default: one request, an EWS_THROTTLED error naming the back-off', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(30_000) }));
    const sleep = recordingSleep();
    const error = await pipelineFor(failFast(), { sleep })
      .send(ewsRequest(server.url, 'GetItem'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsThrottledError);
    const throttled = error as EwsThrottledError;
    expect(throttled.code).toBe('EWS_THROTTLED');
    expect(throttled.requestFate).toBe('not-executed');
    expect(throttled).toMatchObject({
      attempts: 1,
      totalWaitMs: 0,
      retryAfterMs: 30_000,
      reason: 'ErrorServerBusy',
    });
    expect(throttled.message).toMatch(/throttled.*30000 ms/);
    expect(server.requests).toHaveLength(1);
    expect(sleep.slept).toEqual([]);
  });

  it('stops before the total wait would exceed maxTotalWaitMs', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(300) }));
    const sleep = recordingSleep();
    const retry = faultTolerant({ maxTotalWaitMs: 1_000, baseDelayMs: 100, maxDelayMs: 200 });
    const error = await pipelineFor(retry, { sleep })
      .send(ewsRequest(server.url, 'GetItem'))
      .catch((e: unknown) => e);
    expect(sleep.slept).toEqual([300, 300, 300]);
    expect(server.requests).toHaveLength(4);
    expect(error).toMatchObject({ code: 'EWS_THROTTLED', attempts: 4, totalWaitMs: 900, retryAfterMs: 300 });
    expect((error as Error).message).toMatch(/maxTotalWaitMs \(1000 ms\)/);
  });

  it('does not sleep at all when the server asks for more than the budget', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(60_000) }));
    const sleep = recordingSleep();
    const error = await pipelineFor(tolerant, { sleep })
      .send(ewsRequest(server.url, 'GetItem'))
      .catch((e: unknown) => e);
    expect(sleep.slept).toEqual([]);
    expect(error).toMatchObject({ code: 'EWS_THROTTLED', attempts: 1, retryAfterMs: 60_000 });
  });

  it('stops at maxAttempts', async () => {
    const server = await serve(() => ({ status: 503, headers: { 'retry-after': '1' } }));
    const retry = faultTolerant({ maxTotalWaitMs: 60_000, maxAttempts: 2 });
    const error = await pipelineFor(retry)
      .send(ewsRequest(server.url, 'GetItem'))
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({ code: 'EWS_THROTTLED', attempts: 2, totalWaitMs: 1_000 });
  });
});

describe('retryPolicy: abort and deadline during back-off', () => {
  function timers(): number {
    return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
  }

  it('rejects at once with EwsAbortError and leaves no timer behind', async () => {
    const server = await serve(() => ({ status: 500, body: serverBusyFault(60_000) }));
    const controller = new AbortController();
    let sleeping = 0;
    // The real sleep; the caller aborts once the 60 s back-off has started.
    const sleep: Sleep = (ms, signal) => {
      sleeping = ms;
      const pending = abortableSleep(ms, signal);
      controller.abort(new Error('user cancelled'));
      return pending;
    };
    const before = timers();
    // The back-off's own timer, watched directly: counting the process's timers alone is not
    // enough, an unrelated timer (the transport's) may end during the call.
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    let error: unknown;
    let backOffTimers: unknown[];
    let cleared: unknown[];
    try {
      error = await pipelineFor(faultTolerant({ maxTotalWaitMs: 120_000 }), { sleep })
        .send(ewsRequest(server.url, 'GetItem', controller.signal))
        .catch((e: unknown) => e);
    } finally {
      // Read before restoring: mockRestore also forgets the calls.
      backOffTimers = setTimer.mock.results
        .filter((_, index) => setTimer.mock.calls[index]?.[1] === 60_000)
        .map((result) => result.value);
      cleared = clearTimer.mock.calls.map(([timer]) => timer);
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
    expect(sleeping).toBe(60_000);
    expect((error as EwsError).code).toBe('EWS_ABORTED');
    expect((error as EwsError).requestFate).toBe('not-executed');
    expect((error as Error).cause).toEqual(new Error('user cancelled'));
    expect(backOffTimers).toHaveLength(1);
    expect(cleared).toContain(backOffTimers[0]);
    expect(timers()).toBeLessThanOrEqual(before);
    expect(server.requests).toHaveLength(1);
  });

  it('turns the call deadline into EwsTimeoutError', async () => {
    const server = await serve(() => ({ status: 503, headers: { 'retry-after': '30' } }));
    const controller = new AbortController();
    const sleep: Sleep = (ms, signal) => {
      const pending = abortableSleep(ms, signal);
      controller.abort(new EwsTimeoutError('The call did not finish within 500 ms', { timeoutMs: 500 }));
      return pending;
    };
    const error = await pipelineFor(faultTolerant({ maxTotalWaitMs: 120_000 }), { sleep })
      .send(ewsRequest(server.url, 'GetItem', controller.signal))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsTimeoutError);
    expect(error).toMatchObject({ code: 'EWS_TIMEOUT', timeoutMs: 500, operation: 'GetItem' });
  });

  it('does not retry an attempt the caller aborted', async () => {
    const controller = new AbortController();
    const server = await serve(() => {
      controller.abort(new Error('stop'));
      return 'hang';
    });
    const error = await pipelineFor(tolerant)
      .send(ewsRequest(server.url, 'GetItem', controller.signal))
      .catch((e: unknown) => e);
    expect((error as EwsError).code).toBe('EWS_ABORTED');
    expect(server.requests).toHaveLength(1);
  });
});

describe('retryPolicy with the project classifier', () => {
  it('honours an Exchange ErrorServerBusy fault read by classifyHttpResponse', async () => {
    const server = await serve((index) =>
      index === 0 ? { status: 500, body: serverBusyFault(300) } : { body: createItemResponse() },
    );
    const sleep = recordingSleep();
    const transport = nodeHttpTransport();
    cleanups.push(() => transport.close());
    const pipeline = createPipeline({
      policies: [
        retryPolicy({
          retry: tolerant,
          classify: classifyHttpResponse,
          isIdempotent,
          sleep,
          random: () => 0,
        }),
      ],
      transport,
    });
    const response = await pipeline.send(ewsRequest(server.url, 'CreateItem'));
    expect(response.body).toContain('CreateItemResponse');
    expect(sleep.slept).toEqual([300]);
    expect(server.requests).toHaveLength(2);
  });
});
