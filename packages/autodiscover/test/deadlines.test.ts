import { EwsInvalidArgumentError, EwsTimeoutError, NO_DEADLINE, type Transport } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { Autodiscover, type AutodiscoverCache, AutodiscoverError, discover } from '../src/index.js';
import { soapSettings } from './support/answers.js';
import { DOMAIN, EMAIL, EWS, failure, SVC, useFakeInternet, XML } from './support/harness.js';

// Each step of a discovery (an endpoint's POST and answer, the HTTP redirect GET, the SRV lookup,
// a cache store or redirect-policy call) ends within its own deadline, so one black-holed host or
// one silent callback cannot use up the whole discovery; the whole call keeps its own deadline.

const harness = useFakeInternet();
const STEP = 300;
const never = <T>(): Promise<T> => new Promise<T>(() => {});

describe('per-step deadline (stepTimeoutMs)', () => {
  it('a host that accepts connections and never answers costs one step, then discovery goes on', async () => {
    const internet = await harness.fresh();
    internet.blackHole(DOMAIN);
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const started = performance.now();
    const result = await harness.autodiscover({ stepTimeoutMs: STEP }).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(performance.now() - started).toBeLessThan(STEP * 6);
    expect(internet.blackHoleConnections).toBeGreaterThan(0);
    // The silent host is not asked a second time for POX.
    expect(result.trace.map((step) => `${step.source} ${step.protocol} ${step.outcome}`)).toEqual([
      'domain soap failed',
      'autodiscover-host soap settings',
    ]);
    expect(result.trace[0]).toMatchObject({
      errorCode: 'EWS_TIMEOUT',
      detail: `no answer within ${STEP} ms`,
    });
  });

  it('bounds every kind of step: endpoints, the HTTP redirect probe and SRV targets, each black-holed', async () => {
    const internet = await harness.fresh();
    internet.blackHole(DOMAIN).blackHole(`autodiscover.${DOMAIN}`).blackHole(`ad.${DOMAIN}`);
    internet.route('POST', `https://ad2.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const srv = [
      { priority: 0, weight: 0, port: 443, name: `ad.${DOMAIN}` },
      { priority: 1, weight: 0, port: 443, name: `ad2.${DOMAIN}` },
    ];
    const started = performance.now();
    const result = await harness.autodiscover({ stepTimeoutMs: STEP }, srv).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace.map((step) => `${step.source} ${step.action} ${step.outcome}`)).toEqual([
      'domain POST failed',
      'autodiscover-host POST failed',
      'http-redirect GET failed',
      'dns-srv SRV redirect',
      'dns-srv POST failed',
      'dns-srv POST settings',
    ]);
    for (const index of [0, 1, 2, 4]) {
      expect(result.trace[index]?.detail).toBe(`no answer within ${STEP} ms`);
    }
    // Four silent steps of 300 ms each, not the 60 s discovery deadline.
    expect(performance.now() - started).toBeLessThan(STEP * 12);
  });

  it('ends a body that trickles in one byte at a time', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, {
      status: 200,
      respond(res) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
        res.on('close', () => clearInterval(timer));
      },
    });
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness.autodiscover({ stepTimeoutMs: STEP }).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({ status: 200, errorCode: 'EWS_TIMEOUT' });
  });

  it('holds an SRV resolver that ignores its signal to the deadline', async () => {
    const internet = await harness.fresh();
    internet.addHost(DOMAIN);
    const instance = harness.autodiscover({
      stepTimeoutMs: STEP,
      timeoutMs: 15_000,
      dns: { resolveSrv: () => never() },
    });
    const error = await failure(instance.discover(EMAIL));
    expect(error).toBeInstanceOf(AutodiscoverError);
    const srv = (error as AutodiscoverError).trace.find((step) => step.action === 'SRV');
    expect(srv).toMatchObject({ outcome: 'failed', detail: `no answer within ${STEP} ms` });
  });

  it('holds a cache store and a redirect policy callback that never answer to the deadline', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://ad.hoster.test${SVC}`, soapSettings(EMAIL, EWS));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const silentCache: AutodiscoverCache = { get: () => never(), set: () => never(), delete: () => never() };
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
    const result = await harness
      .autodiscover(
        {
          stepTimeoutMs: STEP,
          timeoutMs: 15_000,
          cache: silentCache,
          logger,
          redirectPolicy: { allow: never },
        },
        [{ priority: 0, weight: 0, port: 443, name: 'ad.hoster.test' }],
      )
      .discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(warnings).toEqual([
      'autodiscover: the cache store failed; discovering without it',
      'autodiscover: the cache store failed to save',
    ]);
  });

  it('a redirect policy callback that does not answer means no, and credentials go nowhere', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://ad.hoster.test${SVC}`, soapSettings(EMAIL, EWS));
    const error = await failure(
      harness
        .autodiscover({ stepTimeoutMs: STEP, timeoutMs: 15_000, redirectPolicy: { allow: never } }, [
          { priority: 0, weight: 0, port: 443, name: 'ad.hoster.test' },
        ])
        .discover(EMAIL),
    );
    expect(error).toBeInstanceOf(AutodiscoverError);
    const skipped = (error as AutodiscoverError).trace.find((step) => step.outcome === 'skipped');
    expect(skipped?.detail).toBe(`not contacted: redirectPolicy.allow failed: no answer within ${STEP} ms`);
    expect(internet.seen.some((request) => request.url.includes('hoster'))).toBe(false);
  });

  it('holds a transport of yours that ignores the signal to the deadline', async () => {
    await harness.fresh();
    const calls: string[] = [];
    const silent: Transport = {
      send: (request) => {
        calls.push(`${request.method} ${request.url.href}`);
        return never();
      },
      lease: () => never(),
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    };
    const started = performance.now();
    const error = await failure(
      harness.autodiscover({ stepTimeoutMs: STEP, timeoutMs: 10_000, transport: silent }).discover(EMAIL),
    );
    expect(error).toBeInstanceOf(AutodiscoverError);
    expect((error as AutodiscoverError).trace.map((step) => step.detail)).toEqual([
      `no answer within ${STEP} ms`,
      `no answer within ${STEP} ms`,
      `no answer within ${STEP} ms`,
      'no usable SRV records',
    ]);
    expect(calls).toEqual([
      `POST https://${DOMAIN}${SVC}`,
      `POST https://autodiscover.${DOMAIN}${SVC}`,
      `GET http://autodiscover.${DOMAIN}${XML}`,
    ]);
    expect(performance.now() - started).toBeLessThan(STEP * 10);
  });

  it('stepTimeoutMs: NO_DEADLINE (Infinity) turns per-step deadlines off: the whole call’s deadline then ends a silent step', async () => {
    const internet = await harness.fresh();
    internet.blackHole(DOMAIN);
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const error = await failure(
      harness.autodiscover({ stepTimeoutMs: NO_DEADLINE }).discover(EMAIL, { timeoutMs: 600 }),
    );
    expect(error).toBeInstanceOf(EwsTimeoutError);
    expect((error as Error).message).toMatch(/did not finish within 600 ms/);
  });

  it('timeoutMs: NO_DEADLINE leaves the whole call to its signal and the per-step deadlines', async () => {
    const internet = await harness.fresh();
    internet.blackHole(DOMAIN);
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness
      .autodiscover({ stepTimeoutMs: STEP, timeoutMs: NO_DEADLINE })
      .discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    // The same for one call.
    const again = await harness
      .autodiscover({ stepTimeoutMs: STEP, cache: false })
      .discover(EMAIL, { timeoutMs: NO_DEADLINE });
    expect(again.ewsUrl).toBe(EWS);
  });
});

describe('deadline and size options are validated', () => {
  // As @ews/core's deadlines: milliseconds above 0 up to 2^31 − 1, or NO_DEADLINE (Infinity).
  const bad = [0, -1, Number.NaN, Number.NEGATIVE_INFINITY, 2 ** 31, '1000', null, true, false];

  it.each(['stepTimeoutMs', 'timeoutMs'] as const)(
    '%s: refuses 0, negatives, NaN, 2^31 and non-numbers; NO_DEADLINE turns it off',
    (key) => {
      for (const value of bad) {
        expect(() => new Autodiscover({ [key]: value as number }), `${key}: ${String(value)}`).toThrow(
          EwsInvalidArgumentError,
        );
      }
      for (const value of [1, 1.5, 2 ** 31 - 1, NO_DEADLINE]) {
        expect(() => new Autodiscover({ [key]: value }), `${key}: ${value}`).not.toThrow();
      }
    },
  );

  it('a discover() call refuses a bad timeoutMs before sending anything', async () => {
    const internet = await harness.fresh();
    const instance = harness.autodiscover();
    for (const value of bad) {
      const error = await failure(instance.discover(EMAIL, { timeoutMs: value as number }));
      expect(error, String(value)).toBeInstanceOf(EwsInvalidArgumentError);
      expect((error as Error).message).toMatch(/^timeoutMs must be a number of milliseconds above 0/);
    }
    await expect(discover(EMAIL, { timeoutMs: Number.NaN })).rejects.toBeInstanceOf(EwsInvalidArgumentError);
    expect(internet.seen).toEqual([]);
  });

  it('refuses maxResponseBytes, maxRedirects and cacheTtlMs that are not counts', () => {
    for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      expect(() => new Autodiscover({ maxResponseBytes: value as number })).toThrow(/maxResponseBytes/);
      expect(() => new Autodiscover({ cacheTtlMs: value as number })).toThrow(/cacheTtlMs/);
    }
    for (const value of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Autodiscover({ maxRedirects: value })).toThrow(/maxRedirects/);
    }
    expect(() => new Autodiscover({ maxRedirects: 0, maxResponseBytes: 1, cacheTtlMs: 1 })).not.toThrow();
  });
});

describe('an already-aborted signal', () => {
  // discover() documents EwsAbortError for a fired signal; AbortSignal.throwIfAborted() threw the
  // signal's DOMException AbortError instead, which is no EwsError.
  it('rejects with EWS_ABORTED and asks nothing', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const error = await harness
      .autodiscover()
      .discover(EMAIL, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EWS_ABORTED', name: 'EwsAbortError' });
    expect(internet.seen).toEqual([]);
  });
});
