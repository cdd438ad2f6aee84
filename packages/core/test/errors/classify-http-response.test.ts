import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { classifyHttpResponse, errorForResponse } from '../../src/errors/classify-http-response.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { retryAfterMs } from '../../src/errors/http-response-facts.js';
import { isResponseError } from '../../src/errors/response-error.js';
import type { EwsHttpResponse } from '../../src/pipeline/http.js';
import { type CannedAnswer, exchange } from './loopback-exchange.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/responses/${name}`, import.meta.url), 'utf8');

const SECRETS = [
  'set-cookie-secret-value',
  'S3cret-Passw0rd',
  'YWxpY2U6UzNjcmV0LVBhc3N3MHJkIQ==',
  'request-cookie-secret',
];
/** Headers Exchange sends that must never end up in an error. */
const SENSITIVE_HEADERS = {
  'set-cookie': [
    'X-BackEndCookie=set-cookie-secret-value; path=/EWS; secure; HttpOnly',
    'exchangecookie=set-cookie-secret-value',
  ],
  'x-owa-canary': 'set-cookie-secret-value',
};

function expectNoSecrets(error: unknown): void {
  const rendered = `${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}\n${String(error)}`;
  for (const secret of SECRETS) expect(rendered).not.toContain(secret);
}

describe('classifyHttpResponse over a loopback server', () => {
  it('ErrorServerBusy fault in HTTP 500: throttled for BackOffMilliseconds', async () => {
    const response = await exchange({
      status: 500,
      headers: SENSITIVE_HEADERS,
      body: fixture('server-busy-fault.xml'),
    });
    expect(classifyHttpResponse(response)).toEqual({
      kind: 'throttled',
      retryAfterMs: 29774,
      reason: 'ErrorServerBusy',
    });
    const error = errorForResponse(response, 'FindItem');
    expect(isResponseError(error, 'ErrorServerBusy')).toBe(true);
    expect(error?.requestFate).toBe('not-executed');
    expectNoSecrets(error);
  });

  it('an answer whose only message is ErrorTooManyObjectsOpened is throttled too', async () => {
    const body = fixture('find-item-invalid-restriction.xml').replace(
      'ErrorInvalidRestriction',
      'ErrorTooManyObjectsOpened',
    );
    const response = await exchange({ status: 200, body });
    expect(classifyHttpResponse(response)).toMatchObject({
      kind: 'throttled',
      reason: 'ErrorTooManyObjectsOpened',
    });
    // Not an HTTP-level error: the decoder reports the message.
    expect(errorForResponse(response, 'FindItem')).toBeUndefined();
  });

  it('a fault whose only code is faultcode a:ErrorServerBusy is throttled without a wait', async () => {
    const body =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>' +
      '<faultstring>The server cannot service this request right now. Try again later.</faultstring></s:Fault></s:Body></s:Envelope>';
    expect(classifyHttpResponse(await exchange({ status: 500, body }))).toEqual({
      kind: 'throttled',
      retryAfterMs: undefined,
      reason: 'ErrorServerBusy',
    });
  });

  it('a batch with one throttled and one successful message is final (the services layer decides)', async () => {
    const body = fixture('get-item-batch-not-found.xml').replace('ErrorItemNotFound', 'ErrorServerBusy');
    expect(classifyHttpResponse(await exchange({ status: 200, body }))).toEqual({ kind: 'final' });
  });

  it.each([
    [
      '429 with Retry-After seconds',
      { status: 429, headers: { 'retry-after': '7' } },
      { kind: 'throttled', retryAfterMs: 7000 },
    ],
    [
      '503 with Retry-After seconds',
      { status: 503, headers: { 'retry-after': '0' } },
      { kind: 'throttled', retryAfterMs: 0 },
    ],
    ['503 without Retry-After', { status: 503 }, { kind: 'transient', executed: 'no' }],
    [
      '503 with an unreadable Retry-After',
      { status: 503, headers: { 'retry-after': 'soon' } },
      { kind: 'transient', executed: 'no' },
    ],
    ['429 without Retry-After', { status: 429 }, { kind: 'final' }],
    [
      '302 to the generic error page',
      { status: 302, headers: { location: '/ews/genericerrorpage.htm?aspxerrorpath=/ews/exchange.asmx' } },
      { kind: 'transient', executed: 'no' },
    ],
    [
      '302 elsewhere',
      { status: 302, headers: { location: 'https://mail.contoso.com/owa/' } },
      { kind: 'final' },
    ],
    ['401', { status: 401, headers: { 'www-authenticate': ['Negotiate', 'NTLM'] } }, { kind: 'final' }],
    [
      'X-CasErrorCode',
      { status: 500, headers: { 'x-caserrorcode': 'MailboxGuidWithDomainNotFound' } },
      { kind: 'final' },
    ],
    [
      "IIS Server Error in '/EWS' Application",
      { status: 500, headers: { 'content-type': 'text/html' }, body: fixture('iis-server-error.html') },
      { kind: 'transient', executed: 'unknown' },
    ],
    [
      '500 and Connection: close',
      { status: 500, headers: { connection: 'close' } },
      { kind: 'transient', executed: 'unknown' },
    ],
    ['200 SOAP answer', { status: 200, body: fixture('get-folder-inbox.xml') }, { kind: 'final' }],
    [
      '500 with a SOAP fault that is not throttling',
      { status: 500, body: fixture('invalid-server-version-fault.xml') },
      { kind: 'final' },
    ],
    ['404', { status: 404, body: 'Not Found' }, { kind: 'final' }],
  ] as const)('%s', async (_name, answer: CannedAnswer, expected) => {
    expect(classifyHttpResponse(await exchange(answer))).toMatchObject(expected);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const at = (value: string): EwsHttpResponse => ({
      status: 503,
      headers: { 'retry-after': value },
      body: '',
    });
    expect(retryAfterMs(at('Mon, 23 Nov 2026 12:01:30 GMT'), now)).toBe(90_000);
    expect(retryAfterMs(at('Mon, 23 Nov 2026 11:00:00 GMT'), now)).toBe(0);
    expect(retryAfterMs(at('tomorrow'), now)).toBeUndefined();
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const signal = classifyHttpResponse(at(inTwoMinutes));
    expect(signal.kind).toBe('throttled');
    const wait = signal.kind === 'throttled' ? (signal.retryAfterMs ?? -1) : -1;
    expect(wait).toBeGreaterThan(60_000);
    expect(wait).toBeLessThanOrEqual(120_000);
  });
});

describe('errorForResponse over a loopback server', () => {
  it('leaves SOAP answers to the decoder, also in HTTP 500 (exchangelib does the same)', async () => {
    expect(
      errorForResponse(await exchange({ status: 200, body: fixture('get-folder-inbox.xml') }), 'GetFolder'),
    ).toBeUndefined();
    expect(
      errorForResponse(await exchange({ status: 500, body: fixture('get-folder-inbox.xml') }), 'GetFolder'),
    ).toBeUndefined();
    expect(errorForResponse(await exchange({ status: 200, body: 'not xml' }), 'GetFolder')).toBeUndefined();
  });

  it('turns a version fault into a response-coded error the negotiator recognises', async () => {
    const response = await exchange({
      status: 500,
      headers: SENSITIVE_HEADERS,
      body: fixture('invalid-server-version-fault.xml'),
    });
    const error = errorForResponse(response, 'GetFolder');
    expect(error?.code).toBe('EWS_SOAP_FAULT');
    expect(isResponseError(error, 'ErrorInvalidServerVersion')).toBe(true);
    expect(error?.requestFate).toBe('not-executed');
    expect(error?.operation).toBe('GetFolder');
  });

  it('401: EwsAuthError with the offered schemes, never the request credentials', async () => {
    const response = await exchange({
      status: 401,
      headers: {
        ...SENSITIVE_HEADERS,
        'www-authenticate': ['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"'],
      },
    });
    const error = errorForResponse(response, 'GetFolder');
    expect(error?.code).toBe('EWS_AUTH');
    expect((error as { offeredSchemes?: readonly string[] }).offeredSchemes).toEqual([
      'Negotiate',
      'NTLM',
      'Basic',
    ]);
    expect(error?.requestFate).toBe('not-executed');
    expectNoSecrets(error);
  });

  it('CAS error: EwsHttpError naming the CAS code, with explanatory headers only', async () => {
    const response = await exchange({
      status: 500,
      headers: {
        ...SENSITIVE_HEADERS,
        'x-caserrorcode': 'CAS error: MailboxGuidWithDomainNotFound',
        'request-id': 'f1e2',
      },
      body: `<html><body>password=S3cret-Passw0rd!</body></html>`,
    });
    const error = errorForResponse(response, 'GetItem');
    expect(error?.code).toBe('EWS_HTTP');
    expect(error?.message).toContain('MailboxGuidWithDomainNotFound');
    expect((error as { responseHeaders?: unknown }).responseHeaders).toEqual({
      'x-caserrorcode': 'CAS error: MailboxGuidWithDomainNotFound',
      'request-id': 'f1e2',
    });
    expectNoSecrets(error);
  });

  it('redirects: location kept without query or user info', async () => {
    const response = await exchange({
      status: 302,
      headers: {
        location:
          'https://bob:S3cret-Passw0rd@mail.contoso.com/owa/auth/logon.aspx?token=set-cookie-secret-value',
      },
    });
    const error = errorForResponse(response, 'GetItem');
    expect(error?.code).toBe('EWS_HTTP');
    expect(error?.message).toContain('https://mail.contoso.com/owa/auth/logon.aspx');
    expectNoSecrets(error);
  });

  it('plain-text 500 about the server version: a version error', async () => {
    const response = await exchange({ status: 500, body: 'The specified server version is invalid.' });
    const error = errorForResponse(response, 'GetFolder');
    expect(isResponseError(error, 'ErrorInvalidSchemaVersionForMailboxVersion')).toBe(true);
  });

  it('HTML error pages: status and page title, secrets in the page masked', async () => {
    const response = await exchange({
      status: 502,
      headers: SENSITIVE_HEADERS,
      body: '<html><head><title>502 Bad Gateway password=S3cret-Passw0rd!</title></head><body>upstream</body></html>',
    });
    const error = errorForResponse(response, 'GetFolder');
    expect(error?.code).toBe('EWS_HTTP');
    expect(error?.message).toMatch(/^HTTP 502: 502 Bad Gateway password=\[redacted\]/);
    expect(error?.requestFate).toBe('unknown');
    expectNoSecrets(error);
  });

  it('a locked-out account reads as an auth error', async () => {
    const response = await exchange({
      status: 456,
      body: 'The referenced account is currently locked out and may not be logged on to.',
    });
    expect(errorForResponse(response, 'GetFolder')?.code).toBe('EWS_AUTH');
  });

  it('a malformed SOAP fault in HTTP 500 is a protocol error', async () => {
    const response = await exchange({
      status: 500,
      body: '<?xml version="1.0"?><s:Envelope xmlns:s="x"><s:Body><s:Fault>',
    });
    expect(errorForResponse(response, 'GetFolder')?.code).toBe('EWS_PROTOCOL');
  });
});

interface FailFastVector {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly transport_exception?: string;
  readonly expected: string;
}

/** What exchangelib's outcome means here: the error code errorForResponse gives, and the signal kind. */
function expectationFor(vector: FailFastVector): { error: string | undefined; signal: string } {
  const { expected } = vector;
  if (expected.startsWith('ok')) return { error: undefined, signal: 'final' };
  if (expected === 'UnauthorizedError') return { error: 'EWS_AUTH', signal: 'final' };
  if (expected === 'CASError') return { error: 'EWS_HTTP', signal: 'final' };
  if (/ErrorInternalServerTransientError/.test(expected)) return { error: 'EWS_HTTP', signal: 'transient' };
  if (
    /ErrorServerBusy\('Caused by closed connection'\)|ErrorServerBusy 'Caused by closed connection'/.test(
      expected,
    )
  ) {
    return { error: 'EWS_HTTP', signal: 'transient' };
  }
  if (/Redirect|redirect/.test(expected)) return { error: 'EWS_HTTP', signal: 'final' };
  if (/MalformedResponseError/.test(expected)) return { error: 'EWS_HTTP', signal: 'final' };
  throw new Error(`No expectation for exchangelib outcome ${JSON.stringify(expected)}`);
}

describe("exchangelib's post_ratelimited vectors (FailFast)", () => {
  const vectors = (loadVectors('http-transport') as { post_ratelimited_failfast: FailFastVector[] })
    .post_ratelimited_failfast;
  // Transport exceptions never become an HTTP response; the transport's own tests cover them.
  const httpVectors = vectors.filter((vector) => vector.transport_exception === undefined);

  it('has the HTTP vectors this suite expects', () => {
    expect(vectors).toHaveLength(14);
    expect(httpVectors).toHaveLength(13);
  });

  it.each(httpVectors.map((vector, index) => [index, vector.status, vector.expected, vector] as const))(
    'vector %i: HTTP %i -> %s',
    async (_index, status, _expected, vector) => {
      const response = await exchange({
        status: status ?? 200,
        headers: vector.headers ?? {},
        body: vector.body ?? '',
      });
      const expectation = expectationFor(vector);
      const error = errorForResponse(response, 'GetFolder');
      expect(error?.code).toBe(expectation.error);
      if (error) expect(EwsError.isInstance(error)).toBe(true);
      expect(classifyHttpResponse(response).kind).toBe(expectation.signal);
    },
  );
});
