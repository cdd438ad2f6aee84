import { readFileSync } from 'node:fs';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { classifyHttpResponse, errorForResponse } from '../../src/errors/classify-http-response.js';
import type { ResponseSignal } from '../../src/pipeline/response-signal.js';
import { type CannedAnswer, exchange } from './loopback-exchange.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/responses/${name}`, import.meta.url), 'utf8');

interface Case {
  /** Which line of exchangelib's decision list this case stands for. */
  readonly line: RegExp;
  readonly answer: CannedAnswer;
  /** errorForResponse's error code (undefined: the body goes to the decoder). */
  readonly error: string | undefined;
  readonly signal: Partial<ResponseSignal> & { readonly kind: ResponseSignal['kind'] };
}

/** One sample response per step of exchangelib's raise_response_errors, and what we do with it. */
const CASES: readonly Case[] = [
  {
    line: /^200 -> ok/,
    answer: { status: 200, body: fixture('get-folder-inbox.xml') },
    error: undefined,
    signal: { kind: 'final' },
  },
  {
    line: /^500 with XML body/,
    answer: { status: 500, body: `\uFEFF${fixture('get-folder-inbox.xml')}` },
    error: undefined,
    signal: { kind: 'final' },
  },
  {
    line: /^X-CasErrorCode/,
    answer: { status: 500, headers: { 'x-caserrorcode': 'CAS error: UnauthorizedSelf' } },
    error: 'EWS_HTTP',
    signal: { kind: 'final' },
  },
  {
    line: /^500 containing 'The specified server version is invalid'/,
    answer: { status: 500, body: 'ErrorInvalidSchemaVersionForMailboxVersion' },
    error: 'EWS_RESPONSE',
    signal: { kind: 'final' },
  },
  {
    line: /^header connection: close/,
    answer: { status: 500, headers: { connection: 'close' }, body: 'busy' },
    error: 'EWS_HTTP',
    signal: { kind: 'transient', executed: 'unknown' },
  },
  {
    line: /^302 to \/ews\/genericerrorpage/,
    answer: {
      status: 302,
      headers: { location: '/ews/genericerrorpage.htm?aspxerrorpath=/ews/exchange.asmx' },
    },
    error: 'EWS_HTTP',
    signal: { kind: 'transient', executed: 'no' },
  },
  {
    line: /^301\/302 -> RedirectError/,
    answer: { status: 301, headers: { location: 'https://outlook.office365.com/EWS/Exchange.asmx' } },
    error: 'EWS_HTTP',
    signal: { kind: 'final' },
  },
  {
    line: /The referenced account is currently locked out/,
    answer: {
      status: 456,
      body: 'The referenced account is currently locked out and may not be logged on to.',
    },
    error: 'EWS_AUTH',
    signal: { kind: 'final' },
  },
  {
    line: /^401 \+ FailFast/,
    answer: { status: 401, headers: { 'www-authenticate': 'NTLM' } },
    error: 'EWS_AUTH',
    signal: { kind: 'final' },
  },
  {
    // Deliberately different: the auth policy owns 401s; re-sending rejected credentials only locks accounts out.
    line: /^401 \+ FaultTolerance/,
    answer: { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } },
    error: 'EWS_AUTH',
    signal: { kind: 'final' },
  },
  {
    line: /Server Error in '\/EWS' Application/,
    answer: { status: 500, body: fixture('iis-server-error.html') },
    error: 'EWS_HTTP',
    signal: { kind: 'transient', executed: 'unknown' },
  },
  {
    line: /^503 -> /,
    answer: { status: 503, body: 'Service Unavailable' },
    error: 'EWS_HTTP',
    signal: { kind: 'transient', executed: 'no' },
  },
  { line: /^anything else/, answer: { status: 418, body: '' }, error: 'EWS_HTTP', signal: { kind: 'final' } },
  {
    line: /Retry-After header is present/,
    answer: { status: 503, headers: { 'retry-after': '5' } },
    error: 'EWS_HTTP',
    signal: { kind: 'throttled', retryAfterMs: 5000 },
  },
];

const order = (loadVectors('http-transport') as { raise_response_errors_order: string[] })
  .raise_response_errors_order;

describe("exchangelib's raise_response_errors decision list", () => {
  it('every line has exactly one case, and every case a line', () => {
    expect(order).toHaveLength(14);
    for (const line of order)
      expect(CASES.filter((c) => c.line.test(line)).map((c) => c.line.source)).toHaveLength(1);
    for (const c of CASES) expect(order.some((line) => c.line.test(line))).toBe(true);
  });

  it.each(order.map((line) => [line] as const))('%s', async (line) => {
    const c = CASES.find((candidate) => candidate.line.test(line));
    expect(c).toBeDefined();
    if (!c) return;
    const response = await exchange(c.answer);
    expect(errorForResponse(response, 'GetFolder')?.code).toBe(c.error);
    expect(classifyHttpResponse(response)).toMatchObject(c.signal);
  });
});
