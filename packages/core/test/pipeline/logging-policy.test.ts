import { afterEach, describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { loggingPolicy } from '../../src/pipeline/policies/logging-policy.js';
import { retryPolicy } from '../../src/pipeline/policies/retry-policy.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import { getItemPartialResponse, serverBusyFault } from '../helpers/exchange-responses.js';
import { type FakeReply, startFakeEws } from '../helpers/fake-ews-server.js';
import { nodeHttpTransport, testClassifier } from './helpers/node-http-transport.js';
import { recordingLogger } from './helpers/recording-logger.js';
import { ewsRequest } from './helpers/soap.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function run(reply: (index: number) => FakeReply, trace: boolean, operation = 'GetItem') {
  const server = await startFakeEws((_request, index) => reply(index));
  const transport = nodeHttpTransport();
  cleanups.push(
    () => server.close(),
    () => transport.close(),
  );
  const logger = recordingLogger();
  let clock = 1_000;
  const pipeline = createPipeline({
    policies: [
      retryPolicy({
        retry: faultTolerant({ maxTotalWaitMs: 1_000, maxAttempts: 3 }),
        classify: testClassifier(),
        isIdempotent: (name) => name === 'GetItem',
        sleep: async () => {},
      }),
      loggingPolicy({ logger, trace, now: () => (clock += 25) }),
    ],
    transport,
  });
  const outcome = await pipeline
    .send(
      ewsRequest(`${server.url}?view=day`, operation, undefined, { 'x-anchormailbox': 'alice@contoso.com' }),
    )
    .catch((error: unknown) => error);
  return { server, logger, outcome };
}

describe('loggingPolicy', () => {
  it('logs each attempt at debug level with method, URL, operation, status, duration and allowed headers', async () => {
    const { logger, server } = await run(
      (index) =>
        index === 0
          ? {
              status: 500,
              body: serverBusyFault(10),
              headers: { 'x-feserver': 'CAS01', 'x-secret-thing': 'v' },
            }
          : { body: getItemPartialResponse() },
      false,
    );
    expect(server.requests).toHaveLength(2);
    expect(logger.lines.every((line) => line.level === 'debug')).toBe(true);
    expect(logger.lines.map((line) => [line.message, line.fields?.attempt])).toEqual([
      ['ews: request', 1],
      ['ews: response', 1],
      ['ews: request', 2],
      ['ews: response', 2],
    ]);
    const [request, response] = logger.lines;
    expect(request?.fields).toMatchObject({
      operation: 'GetItem',
      method: 'POST',
      url: `${server.url}?view=day`,
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        'x-anchormailbox': 'alice@contoso.com',
      },
    });
    expect(response?.fields).toMatchObject({
      operation: 'GetItem',
      status: 500,
      durationMs: 25,
      headers: {
        'x-feserver': 'CAS01',
        'x-secret-thing': 'REDACTED',
        'content-type': 'text/xml; charset=utf-8',
      },
    });
    expect(logger.printed()).not.toContain('<m:GetItem');
  });

  it('with trace, logs both SOAP bodies anonymized', async () => {
    const { logger } = await run(() => ({ body: getItemPartialResponse() }), true);
    const bodies = logger.lines.filter((line) => line.message.endsWith('body'));
    expect(bodies.map((line) => line.message)).toEqual(['ews: request body', 'ews: response body']);
    const [sent, received] = bodies.map((line) => String(line.fields?.body));
    expect(sent).toContain('<m:GetItem');
    expect(sent).toContain('<t:ItemId Id="DEADBEEF=" ChangeKey="DEADBEEF="/>');
    expect(received).toContain('<t:Subject>Hello</t:Subject>');
    expect(received).toContain('ResponseCode>ErrorItemNotFound<');
    expect(`${sent}${received}`).not.toMatch(/AAMkAGI1AAA=|CQAAABYAAAA=/);
  });

  it('logs a failed exchange with its code and request fate', async () => {
    const { logger, outcome } = await run(() => 'destroy', false, 'CreateItem');
    expect(outcome).toMatchObject({ code: 'EWS_TRANSPORT', requestFate: 'unknown' });
    const failed = logger.lines.find((line) => line.message === 'ews: exchange failed');
    expect(failed?.fields).toMatchObject({
      operation: 'CreateItem',
      attempt: 1,
      code: 'EWS_TRANSPORT',
      requestFate: 'unknown',
      durationMs: 25,
    });
  });
});
