import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { isResponseError } from '../../src/index.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import { invalidServerVersionFault } from '../helpers/exchange-responses.js';

const CHUNK = 64 * 1024;
const BEFORE =
  '<m:CreateAttachment><m:ParentItemId Id="p"/><m:Attachments><t:FileAttachment><t:Name>a</t:Name><t:Content>';
const AFTER = '</t:Content></t:FileAttachment></m:Attachments></m:CreateAttachment>';

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
const servers: Server[] = [];
const clients: EwsClient[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof EwsClient>[0]> = {}): EwsClient {
  const made = new EwsClient({
    url,
    auth: createBasicAuth({ username: 'u', password: 'p' }),
    allowInsecureHttp: true,
    timeoutMs: 15_000,
    ...extra,
  });
  clients.push(made);
  return made;
}

/** Resolves once `read()` has not changed for `quietMs` (bounded by `maxMs`). */
async function settled(read: () => number, quietMs = 150, maxMs = 5_000): Promise<number> {
  const started = Date.now();
  let last = read();
  let since = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

const OK_ENVELOPE =
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
  '<m:CreateAttachmentResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages/>' +
  '</m:CreateAttachmentResponse></s:Body></s:Envelope>';

afterEach(async () => {
  await Promise.all(clients.splice(0).map((made) => made.close()));
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe('EwsClient.sendStream', () => {
  it('streams the request body: the source is read only as fast as the server reads', async () => {
    const total = 400; // 400 × 64 KiB = 25 MiB of base64 text
    let produced = 0;
    let producedWhileServerWaited = -1;
    let received = Buffer.alloc(0);
    let receivedBytes = 0;
    let authorization: string | undefined;
    const url = await serve(async (request, response) => {
      authorization = request.headers.authorization;
      for await (const part of request) {
        const bytes = part as Buffer;
        receivedBytes += bytes.length;
        if (received.length < 4096) received = Buffer.concat([received, bytes]).subarray(0, 4096);
        if (producedWhileServerWaited < 0 && receivedBytes > 1024 * 1024) {
          // Stop reading: TCP backpressure must stop the client's source.
          producedWhileServerWaited = await settled(() => produced);
        }
      }
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(OK_ENVELOPE);
    });
    const content = async function* () {
      for (let index = 0; index < total; index += 1) {
        produced += 1;
        yield 'A'.repeat(CHUNK);
      }
    };
    const answer = await client(url).sendStream({
      operation: 'CreateAttachment',
      body: { before: BEFORE, content, after: AFTER },
    });
    let text = '';
    for await (const part of answer.body) text += Buffer.from(part).toString('utf8');

    expect(text).toContain('CreateAttachmentResponse');
    expect(authorization).toMatch(/^Basic /);
    const head = received.toString('utf8');
    expect(head).toContain('<soap:Envelope');
    expect(head).toContain(BEFORE);
    expect(receivedBytes).toBeGreaterThan(total * CHUNK);
    // While the server waited, the client produced only what socket buffers hold, not the whole body.
    expect(producedWhileServerWaited).toBeGreaterThan(0);
    expect(producedWhileServerWaited).toBeLessThan(total / 2);
    expect(produced).toBe(total);
  });

  it('hands a large answer over with backpressure and the same bytes', async () => {
    const total = 24 * 1024 * 1024;
    let written = 0;
    const expected = createHash('sha256');
    const url = await serve(async (_request, response) => {
      _request.resume();
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      let index = 0;
      while (written < total) {
        const part = Buffer.alloc(CHUNK, 65 + (index++ % 26));
        expected.update(part);
        written += part.length;
        if (!response.write(part)) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
    });
    const answer = await client(url).sendStream({ operation: 'GetAttachment', body: '<m:GetAttachment/>' });
    const iterator = answer.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const writtenWhileWeWaited = await settled(() => written);
    expect(writtenWhileWeWaited).toBeLessThan(total / 2);

    const actual = createHash('sha256').update(first.value as Uint8Array);
    let bytes = (first.value as Uint8Array).byteLength;
    let largest = bytes;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      actual.update(next.value);
      bytes += next.value.byteLength;
      largest = Math.max(largest, next.value.byteLength);
    }
    expect(bytes).toBe(total);
    expect(largest).toBeLessThanOrEqual(1024 * 1024);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
  });

  it('stops the exchange when the reader leaves early', async () => {
    let closedEarly: Promise<boolean> = Promise.resolve(false);
    const url = await serve(async (_request, response) => {
      _request.resume();
      closedEarly = new Promise((resolve) =>
        response.once('close', () => resolve(!response.writableFinished)),
      );
      response.writeHead(200, { 'content-type': 'text/xml' });
      for (let index = 0; index < 2_000 && !response.destroyed; index += 1) {
        if (!response.write(Buffer.alloc(CHUNK, 66))) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              response.off('drain', done);
              response.off('close', done);
              resolve();
            };
            response.on('drain', done);
            response.on('close', done);
          });
        }
      }
      response.end();
    });
    const answer = await client(url).sendStream({ operation: 'GetAttachment', body: '<m:GetAttachment/>' });
    for await (const _part of answer.body) break;
    expect(await closedEarly).toBe(true);
  });

  it('decodes an error answer into the usual error instead of streaming it', async () => {
    const url = await serve((request, response) => {
      request.resume();
      response
        .writeHead(500, { 'content-type': 'text/xml; charset=utf-8' })
        .end(
          '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
            '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorSchemaValidation</faultcode>' +
            '<faultstring>The request failed schema validation.</faultstring></s:Fault></s:Body></s:Envelope>',
        );
    });
    const call = client(url).sendStream({ operation: 'GetAttachment', body: '<m:GetAttachment/>' });
    await expect(call).rejects.toSatisfy(
      (error: unknown) => EwsError.isInstance(error) && error.code === 'EWS_SOAP_FAULT',
    );
  });

  it('re-sends a replayable body after throttling, and refuses to re-send a one-shot one', async () => {
    const bodies: number[] = [];
    const url = await serve(async (request, response) => {
      let length = 0;
      for await (const part of request) length += (part as Buffer).length;
      bodies.push(length);
      if (bodies.length % 2 === 1) {
        response.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' }).end('busy');
      } else {
        response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(OK_ENVELOPE);
      }
    });
    const retrying = client(url, {
      retry: faultTolerant({ maxTotalWaitMs: 5_000, baseDelayMs: 0, maxDelayMs: 10 }),
    });
    const chunks = () =>
      (async function* () {
        for (let index = 0; index < 8; index += 1) yield new Uint8Array(CHUNK).fill(65);
      })();

    const replayed = await retrying.sendStream({
      operation: 'CreateAttachment',
      body: { before: BEFORE, content: chunks, after: AFTER },
    });
    for await (const _part of replayed.body) {
      // drain
    }
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[0]).toBeGreaterThan(8 * CHUNK);

    const oneShot = retrying.sendStream({
      operation: 'CreateAttachment',
      body: { before: BEFORE, content: chunks(), after: AFTER },
    });
    await expect(oneShot).rejects.toSatisfy(
      (error: unknown) =>
        EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT' && /one-shot/.test(error.message),
    );
    expect(bodies).toHaveLength(3);
  });

  it('steps a rejected request version down as send does, and remembers it', async () => {
    const versions: string[] = [];
    const url = await serve(async (request, response) => {
      let text = '';
      for await (const part of request) text += (part as Buffer).toString('utf8');
      const version = /RequestServerVersion Version="([^"]+)"/.exec(text)?.[1] ?? '';
      versions.push(version);
      if (version === 'Exchange2016') {
        response
          .writeHead(500, { 'content-type': 'text/xml; charset=utf-8' })
          .end(invalidServerVersionFault());
      } else {
        response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(OK_ENVELOPE);
      }
    });
    const ews = client(url, { version: 'Exchange2016' });
    const chunks = () =>
      (async function* () {
        yield 'QUJD';
      })();
    const answer = await ews.sendStream({
      operation: 'CreateAttachment',
      body: { before: BEFORE, content: chunks, after: AFTER },
    });
    let received = '';
    for await (const part of answer.body) received += Buffer.from(part).toString('utf8');
    expect(received).toBe(OK_ENVELOPE);
    expect(versions).toHaveLength(2);
    expect(versions[0]).toBe('Exchange2016');
    expect(versions[1]).not.toBe('Exchange2016');
    expect(ews.requestVersion).toBe(versions[1]);
    // Remembered: the next call, streamed or not, starts from the accepted version.
    await ews.sendStream({ operation: 'GetAttachment', body: '<m:GetAttachment/>' }).then(async (next) => {
      for await (const _part of next.body) {
        // drain
      }
    });
    expect(versions.slice(2)).toEqual([versions[1]]);

    // A one-shot content cannot be sent again with the older version: said, not silently truncated.
    const fresh = client(url, { version: 'Exchange2016' });
    const oneShot = fresh.sendStream({
      operation: 'CreateAttachment',
      body: { before: BEFORE, content: chunks(), after: AFTER },
    });
    await expect(oneShot).rejects.toSatisfy(
      (error: unknown) =>
        EwsError.isInstance(error) &&
        error.code === 'EWS_INVALID_ARGUMENT' &&
        /older request version/.test(error.message),
    );
  });

  it('raises the version fault when negotiation is off', async () => {
    const url = await serve((request, response) => {
      request.resume();
      response.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(invalidServerVersionFault());
    });
    const call = client(url, { negotiateVersion: false }).sendStream({
      operation: 'GetAttachment',
      body: '<m:GetAttachment/>',
    });
    await expect(call).rejects.toSatisfy((error: unknown) =>
      isResponseError(error, 'ErrorInvalidServerVersion'),
    );
  });
});
