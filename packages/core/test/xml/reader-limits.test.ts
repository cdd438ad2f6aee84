import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { DEFAULT_READER_LIMITS, parseXml, resolveReaderLimits } from '../../src/xml/parse.js';
import * as responses from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12: a bounded reader. Depth (defect 7: ~4,000 levels ended in a bare RangeError
// downstream), name length, attributes per element, attribute value length and the size of an
// answer read whole are bounded; each is refused with EWS_PROTOCOL naming the limit and how to
// raise it, and each can be raised (ReaderLimits, on EwsClient or per parseXml).

const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
const ANY = { namespaces: 'any' } as const;

const nested = (depth: number) => `${'<n>'.repeat(depth)}x${'</n>'.repeat(depth)}`;
/** The same in the types namespace (prefix t), where an answer's content rules allow it. */
const nestedTypes = (depth: number) => `${'<t:n>'.repeat(depth)}x${'</t:n>'.repeat(depth)}`;

describe('ReaderLimits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_READER_LIMITS).toEqual({
      maxDepth: 256,
      maxNameLength: 256,
      maxAttributes: 64,
      maxAttributeValueLength: 65_536,
      maxResponseBytes: 67_108_864,
      maxStreamedItemLength: 16_777_216,
    });
    expect(Object.isFrozen(DEFAULT_READER_LIMITS)).toBe(true);
  });

  it('are checked once, each a positive integer or Infinity', () => {
    expect(resolveReaderLimits({ maxDepth: 10 }).maxDepth).toBe(10);
    expect(resolveReaderLimits({ maxDepth: Number.POSITIVE_INFINITY }).maxDepth).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(resolveReaderLimits({ maxDepth: undefined })).toEqual(DEFAULT_READER_LIMITS);
    for (const value of [0, -1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY, '10', null]) {
      expect(() => resolveReaderLimits({ maxDepth: value as number }), String(value)).toThrow(
        /maxDepth must be a positive integer or Number.POSITIVE_INFINITY/,
      );
    }
    expect(() => resolveReaderLimits({ maxDeep: 3 } as never)).toThrow(/maxDeep is not a reader limit/);
    expect(
      () => new EwsClient({ url: 'https://x.test/EWS/Exchange.asmx', readerLimits: { maxDepth: 0 } }),
    ).toThrow(/options.readerLimits.maxDepth must be a positive integer/);
  });
});

describe('parseXml within its limits', () => {
  it('reads 256 levels and refuses the 257th, naming the limit and how to raise it', () => {
    expect(() => parseXml(nested(256), ANY)).not.toThrow();
    expect(refusal(() => parseXml(nested(257), ANY))).toBe(
      'Refused XML (elements nested deeper than the reader limit maxDepth (256 levels) at line 1, column 769); ' +
        "if the answer is genuine, raise it with EwsClient's readerLimits option ({ readerLimits: { maxDepth: … } }) " +
        '(parseXml: its limits option)',
    );
    expect(() => parseXml(nested(300), { ...ANY, limits: { maxDepth: 300 } })).not.toThrow();
  });

  it('refuses 10,000 levels inside an EWS answer with EWS_PROTOCOL (not a RangeError later)', () => {
    const deep = responses
      .getFolderInboxResponse()
      .replace(
        '<t:DisplayName>Inbox</t:DisplayName>',
        `<t:DisplayName>${nestedTypes(10_000)}</t:DisplayName>`,
      );
    expect(refusal(() => decodeSoapResponse(deep, 'GetFolder'))).toMatch(/maxDepth \(256 levels\)/);
    // And in a FindItem page, whose items are only checked on the first pass.
    const page =
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:FindItemResponse xmlns:m="${MESSAGES}">` +
      '<m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:RootFolder><t:Items xmlns:t="${TYPES}">${nestedTypes(10_000)}</t:Items></m:RootFolder></m:FindItemResponseMessage>` +
      '</m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>';
    expect(refusal(() => decodeSoapResponse(page, 'FindItem'))).toMatch(/maxDepth/);
  });

  it('refuses huge names, element and attribute', () => {
    const name = 'N'.repeat(1024 * 1024);
    expect(refusal(() => parseXml(`<${name}/>`, ANY))).toMatch(
      /a name longer than the reader limit maxNameLength \(256 characters\)/,
    );
    expect(refusal(() => parseXml(`<a ${name}="1"/>`, ANY))).toMatch(/maxNameLength/);
    expect(refusal(() => parseXml(`<a xmlns:${name}="u"/>`, ANY))).toMatch(/maxNameLength/);
    expect(parseXml(`<${'N'.repeat(256)}/>`, ANY).name).toHaveLength(256);
  });

  it('refuses an element with too many attributes (100,000), declarations included', () => {
    const attributes = Array.from({ length: 100_000 }, (_, index) => `a${index}="${index}"`).join(' ');
    expect(refusal(() => parseXml(`<e ${attributes}/>`, ANY))).toMatch(
      /an element with more attributes than the reader limit maxAttributes \(64 attributes\)/,
    );
    const declarations = Array.from({ length: 65 }, (_, index) => `xmlns:p${index}="u${index}"`).join(' ');
    expect(refusal(() => parseXml(`<e ${declarations}/>`, ANY))).toMatch(/maxAttributes/);
    const sixtyFour = Array.from({ length: 64 }, (_, index) => `a${index}="${index}"`).join(' ');
    expect(Object.keys(parseXml(`<e ${sixtyFour}/>`, ANY).attributes)).toHaveLength(64);
  });

  it('refuses a huge attribute value, and reads huge text (bounded by the answer size)', () => {
    expect(refusal(() => parseXml(`<e a="${'v'.repeat(65_537)}"/>`, ANY))).toMatch(
      /an attribute value longer than the reader limit maxAttributeValueLength \(65536 characters\)/,
    );
    expect(parseXml(`<e a="${'v'.repeat(65_536)}"/>`, ANY).attributes.a).toHaveLength(65_536);
    expect(parseXml(`<e>${'t'.repeat(10 * 1024 * 1024)}</e>`, ANY).text).toHaveLength(10 * 1024 * 1024);
  });
});

describe('EwsClient reads no answer larger than maxResponseBytes', () => {
  let server: FakeEwsServer | undefined;
  let raw: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    raw?.closeAllConnections();
    raw?.close();
    raw = undefined;
  });

  const getFolder = { operation: 'GetFolder', body: `<m:GetFolder xmlns:m="${MESSAGES}"/>` };
  const padded = (bytes: number) =>
    responses.getFolderInboxResponse().replace('<s:Body ', `<s:Body data-pad="${'p'.repeat(bytes)}" `);

  it('refuses a bigger answer with a Content-Length before reading it', async () => {
    server = await startFakeEws(() => ({ body: padded(5000) }));
    await using client = new EwsClient({ url: server.url, readerLimits: { maxResponseBytes: 4096 } });
    const error = await client.send(getFolder).catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    expect(error.message).toMatch(
      /^Refused the answer: an answer larger than the reader limit maxResponseBytes \(4096 bytes\); if the answer is genuine, raise it/,
    );
  });

  it('stops reading a chunked answer as soon as it passes the limit', async () => {
    let written = 0;
    let closedEarly = false;
    raw = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      const chunk = `<!--${'x'.repeat(64 * 1024)}-->`;
      const write = (): void => {
        if (response.destroyed) {
          closedEarly = true;
          return;
        }
        if (written >= 64 * 1024 * 1024) {
          response.end();
          return;
        }
        written += chunk.length;
        if (response.write(chunk)) setImmediate(write);
        else response.once('drain', write);
      };
      response.on('close', () => {
        if (!response.writableFinished) closedEarly = true;
      });
      write();
    });
    raw.listen(0, '127.0.0.1');
    await new Promise((resolve) => raw?.once('listening', resolve));
    const { port } = raw.address() as AddressInfo;
    await using client = new EwsClient({
      url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
      readerLimits: { maxResponseBytes: 1024 * 1024 },
    });
    const error = await client.send(getFolder).catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    expect(error.message).toMatch(/maxResponseBytes \(1048576 bytes\)/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('reads an answer within the limit', async () => {
    server = await startFakeEws(() => ({ body: padded(1000) }));
    await using client = new EwsClient({ url: server.url, readerLimits: { maxResponseBytes: 4096 } });
    expect(client.readerLimits.maxResponseBytes).toBe(4096);
    expect((await client.send(getFolder)).messages).toHaveLength(1);
  });

  it('applies the client’s other limits to its answers', async () => {
    server = await startFakeEws(() => ({
      body: responses
        .getFolderInboxResponse()
        .replace('<t:DisplayName>Inbox', `<t:DisplayName>${nestedTypes(20)}`),
    }));
    await using strict = new EwsClient({ url: server.url, readerLimits: { maxDepth: 16 } });
    const error = await strict.send(getFolder).catch((caught) => caught);
    expect(error.message).toMatch(/maxDepth \(16 levels\)/);
  });
});
