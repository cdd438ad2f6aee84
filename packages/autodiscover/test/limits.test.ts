import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  type AutodiscoverCache,
  AutodiscoverError,
  type CachedEndpoint,
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_URL_LENGTH,
  orderSrvRecords,
  type SrvRecord,
} from '../src/index.js';
import { poxSettings, soapRedirectAddress, soapRedirectUrl, soapSettings } from './support/answers.js';
import type { FakeAnswer } from './support/fake-internet.js';
import { DOMAIN, EMAIL, EWS, failure, SVC, useFakeInternet, XML } from './support/harness.js';

// Everything discovery reads from the network is bounded: answer bodies (cut off as they arrive),
// URLs, redirect addresses, SRV records and the server text a trace carries.

const harness = useFakeInternet();
const PLANTED = `https://mail.${DOMAIN}/EWS/Planted.asmx`;
const MiB = 1024 * 1024;

/** An answer padded with a comment after the XML declaration to `bytes` bytes (still well-formed). */
function padded(answer: FakeAnswer, bytes: number): FakeAnswer {
  const body = answer.body ?? '';
  const at = body.indexOf('?>') + 2;
  const filler = Math.max(0, bytes - Buffer.byteLength(body) - 7);
  return { ...answer, body: `${body.slice(0, at)}<!--${'x'.repeat(filler)}-->${body.slice(at)}` };
}

/** An answer that starts well and never ends: 64 KiB pieces, as fast as the client takes them. */
function endless(status: number, headers: Record<string, string> = {}) {
  const seen = { written: 0, closedEarly: false };
  const answer: FakeAnswer = {
    status,
    respond(res: ServerResponse) {
      res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', ...headers });
      const piece = Buffer.alloc(64 * 1024, ' ');
      res.on('close', () => {
        if (!res.writableEnded) seen.closedEarly = true;
      });
      const pump = (): void => {
        while (!res.destroyed && seen.written < 200 * MiB) {
          seen.written += piece.length;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      res.write('<?xml version="1.0" encoding="utf-8"?>');
      pump();
    },
  };
  return { answer, seen };
}

describe('answer size: maxResponseBytes', () => {
  it('refuses a 10 MiB answer (the step fails with EWS_PROTOCOL naming the limit) and takes the next step', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, padded(soapSettings(EMAIL, PLANTED), 10 * MiB));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness.autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({
      source: 'domain',
      outcome: 'failed',
      status: 200,
      errorCode: 'EWS_PROTOCOL',
    });
    expect(result.trace[0]?.detail).toContain(`maxResponseBytes (${DEFAULT_MAX_RESPONSE_BYTES} bytes)`);
  });

  it('cuts an endless answer off as it arrives instead of reading it whole', async () => {
    const internet = await harness.fresh();
    const { answer, seen } = endless(200);
    internet.route('POST', `https://${DOMAIN}${SVC}`, answer);
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness.autodiscover({ maxResponseBytes: 64 * 1024 }).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]?.detail).toContain('maxResponseBytes (65536 bytes)');
    await expect.poll(() => seen.closedEarly).toBe(true);
    // The client stopped reading: socket buffers hold a few MiB at most, never the 200 MiB offered.
    expect(seen.written).toBeLessThan(32 * MiB);
  });

  it('refuses a declared Content-Length above the limit without waiting for the body', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, {
      status: 200,
      respond(res) {
        res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(50 * MiB) });
        res.write('<?xml version="1.0"?>'); // and then nothing: only the header can end this step early
      },
    });
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const started = performance.now();
    const result = await harness.autodiscover({ stepTimeoutMs: 10_000 }).discover(EMAIL);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({ errorCode: 'EWS_PROTOCOL', status: 200 });
    expect(result.trace[0]?.detail).toContain('maxResponseBytes');
  });

  it('holds POX answers and redirect URL hops to the same limit', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectUrl(`https://hop.${DOMAIN}${XML}`));
    internet.route('POST', `https://hop.${DOMAIN}${XML}`, padded(poxSettings(EMAIL, PLANTED), 2 * MiB));
    internet.route('POST', `https://autodiscover.${DOMAIN}${XML}`, poxSettings(EMAIL, EWS));
    const result = await harness.autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    const hop = result.trace.find((step) => step.source === 'redirect-url');
    expect(hop).toMatchObject({ protocol: 'pox', errorCode: 'EWS_PROTOCOL' });
    expect(hop?.detail).toContain('maxResponseBytes');
  });

  it('is configurable: an answer just under the limit is read, one byte over is refused', async () => {
    const internet = await harness.fresh();
    const limit = 8 * 1024;
    internet.route('POST', `https://${DOMAIN}${SVC}`, padded(soapSettings(EMAIL, PLANTED), limit + 1));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, padded(soapSettings(EMAIL, EWS), limit));
    const result = await harness
      .autodiscover({ maxResponseBytes: limit, protocols: ['soap'] })
      .discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace.map((step) => step.outcome)).toEqual(['failed', 'settings']);
  });

  it('never reads the body of the HTTP redirect step (it needs only the status and Location)', async () => {
    const internet = await harness.fresh();
    const { answer, seen } = endless(200);
    internet.route('GET', `http://autodiscover.${DOMAIN}${XML}`, answer);
    internet.addHost(DOMAIN);
    const error = await failure(harness.autodiscover({ stepTimeoutMs: 10_000 }).discover(EMAIL));
    expect(error).toBeInstanceOf(AutodiscoverError);
    const step = (error as AutodiscoverError).trace.find((s) => s.source === 'http-redirect');
    expect(step).toMatchObject({ outcome: 'failed', status: 200, detail: 'no redirect offered' });
    expect(step?.durationMs).toBeLessThan(5_000);
    await expect.poll(() => seen.closedEarly).toBe(true);
  });

  it('refuses text that is not UTF-8 instead of replacing it', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, {
      status: 200,
      respond(res) {
        const body = Buffer.from(soapSettings(EMAIL, PLANTED).body ?? '');
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(Buffer.concat([body.subarray(0, 60), Buffer.from([0xff, 0xfe]), body.subarray(60)]));
      },
    });
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness.autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({
      errorCode: 'EWS_PROTOCOL',
      detail: 'the answer is not valid UTF-8',
    });
  });
});

describe('URL and address lengths', () => {
  const long = (prefix: string) => `${prefix}${'a'.repeat(MAX_URL_LENGTH)}`;

  it('refuses a redirect URL, an EWS URL or a Location longer than MAX_URL_LENGTH', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectUrl(long(`https://${DOMAIN}/`)));
    internet.route('POST', `https://${DOMAIN}${XML}`, poxSettings(EMAIL, long(`https://mail.${DOMAIN}/`)));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, {
      status: 302,
      headers: { location: long(`https://autodiscover.${DOMAIN}/`) },
    });
    internet.route('POST', `https://autodiscover.${DOMAIN}${XML}`, poxSettings(EMAIL, EWS));
    const result = await harness.autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace.map((step) => step.detail).slice(0, 3)).toEqual([
      `the redirect URL is longer than ${MAX_URL_LENGTH} characters`,
      `the EWS URL offered is longer than ${MAX_URL_LENGTH} characters`,
      'HTTP 302 without a usable Location',
    ]);
    expect(internet.lines().some((line) => line.includes('aaaa'))).toBe(false);
  });

  it('does not follow a redirect address longer than an SMTP address can be', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectAddress(`${'a'.repeat(250)}@${DOMAIN}`));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await harness.autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({
      outcome: 'failed',
      detail: 'the redirect address is not an SMTP address',
    });
  });

  it('ignores a cached URL longer than MAX_URL_LENGTH', async () => {
    const internet = await harness.fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const planted: CachedEndpoint = {
      url: long(`https://${DOMAIN}${SVC}?`),
      protocol: 'soap',
      expiresAt: Date.now() + 60_000,
    };
    const cache: AutodiscoverCache = { get: () => planted, set: () => {}, delete: () => {} };
    const result = await harness.autodiscover({ cache }).discover(EMAIL);
    expect(result.fromCache).toBe(false);
    expect(result.trace[0]?.source).toBe('domain');
  });
});

describe('SRV records', () => {
  it('drops malformed records and tries at most MAX_SRV_TARGETS targets', async () => {
    const internet = await harness.fresh();
    const many: SrvRecord[] = Array.from({ length: 50 }, (_, i) => ({
      priority: i,
      weight: 0,
      port: 443,
      name: `ad${i}.${DOMAIN}`,
    }));
    const junk = [
      { priority: 0, weight: 0, port: 70_000, name: `bad-port.${DOMAIN}` },
      { priority: Number.NaN, weight: 0, port: 443, name: `nan.${DOMAIN}` },
      { priority: 0, weight: 0, port: 443, name: `has space.${DOMAIN}` },
      { priority: 0, weight: 0, port: 443, name: `${'x'.repeat(300)}.${DOMAIN}` },
      null,
    ] as unknown as SrvRecord[];
    for (const record of many) internet.addHost(record.name);
    const error = await failure(
      harness.autodiscover({ protocols: ['soap'] }, [...junk, ...many]).discover(EMAIL),
    );
    const trace = (error as AutodiscoverError).trace;
    const srv = trace.find((step) => step.action === 'SRV');
    expect(srv?.detail).toContain('40 more dropped: at most 10 are tried');
    const posts = internet.lines().filter((line) => line.includes('.contoso.test') && line.includes('://ad'));
    expect(posts).toEqual(Array.from({ length: 10 }, (_, i) => `POST https://ad${i}.${DOMAIN}${SVC}`));
    expect(orderSrvRecords(junk)).toEqual([]);
  });
});

describe('server text in the trace', () => {
  it('masks what the request carried when an answer echoes it (Authorization, token, password)', async () => {
    const internet = await harness.fresh();
    const echoed: string[] = [];
    internet.route('POST', `https://${DOMAIN}${SVC}`, (request) => {
      const authorization = request.authorization ?? '';
      const token = authorization.split(' ')[1] ?? '';
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      echoed.push(authorization);
      const answer = soapSettings(EMAIL, EWS);
      return {
        ...answer,
        body: (answer.body ?? '')
          .replace('<ErrorCode>NoError</ErrorCode>', '<ErrorCode>InternalServerError</ErrorCode>')
          .replace('<ErrorMessage/>', `<ErrorMessage>you sent ${authorization} (${decoded})</ErrorMessage>`),
      };
    });
    const error = await failure(harness.autodiscover({ protocols: ['soap'] }).discover(EMAIL));
    expect(error).toBeInstanceOf(AutodiscoverError);
    expect(echoed[0]).toMatch(/^Basic /);
    const text = `${(error as Error).message}\n${JSON.stringify((error as AutodiscoverError).trace)}`;
    // Before, the trace and the error quoted the header, the token and the password.
    expect(text).toContain('you sent');
    for (const secret of [echoed[0] ?? '', (echoed[0] ?? '').slice(6), 'Secret-Pa55']) {
      expect(text).not.toContain(secret);
    }
  });

  it('cuts a huge server message: the error stays small', async () => {
    const internet = await harness.fresh();
    const huge = 'Z'.repeat(200_000);
    const answer = soapSettings(EMAIL, EWS);
    internet.route('POST', `https://${DOMAIN}${SVC}`, {
      ...answer,
      body: (answer.body ?? '')
        .replace('<ErrorCode>NoError</ErrorCode>', '<ErrorCode>InternalServerError</ErrorCode>')
        .replace('<ErrorMessage/>', `<ErrorMessage>${huge}</ErrorMessage>`),
    });
    const error = await failure(harness.autodiscover({ protocols: ['soap'] }).discover(EMAIL));
    expect(error).toBeInstanceOf(AutodiscoverError);
    const first = (error as AutodiscoverError).trace[0];
    expect(first?.detail).toMatch(/^InternalServerError: Z+…$/);
    expect(first?.detail.length).toBeLessThanOrEqual(500);
    expect((error as Error).message.length).toBeLessThan(10_000);
  });
});
