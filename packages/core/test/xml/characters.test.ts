import { afterEach, describe, expect, it } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { child, childText, parseXml } from '../../src/xml/parse.js';
import { decodeUtf8Strictly, StrictUtf8Decoder } from '../../src/xml/strict-utf8-decoder.js';
import * as responses from '../helpers/exchange-responses.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12, defect 8: text XML 1.0 forbids came back as data. Invalid UTF-8 became U+FFFD, a raw
// NUL came back in a subject, and `&#0;`, `&#1;`, `&#xD800;`, `&#xFFFE;`, `&#x110000;` came back
// literally ("In&#0;box"). The Char production (#x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]) now holds for raw text, attribute values, CDATA,
// comments, names and references, and bytes must be UTF-8.

const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const ANY = { namespaces: 'any' } as const;

/** The Inbox answer with its display name replaced by `text` (as written in the XML). */
function inboxNamed(text: string): string {
  return responses.getFolderInboxResponse().replace('<t:DisplayName>Inbox<', `<t:DisplayName>${text}<`);
}

describe('parseXml enforces the Char production', () => {
  it.each([
    ['&#0;', 'In&#0;box'],
    ['&#1;', 'In&#1;box'],
    ['&#x1F;', '&#x1F;'],
    ['&#xD800;', '&#xD800;'],
    ['&#xDFFF;', '&#xDFFF;'],
    ['&#xFFFE;', '&#xFFFE;'],
    ['&#xFFFF;', '&#xFFFF;'],
    ['&#x110000;', '&#x110000;'],
    ['&#1114112;', '&#1114112;'],
    ['a reference overflowing to a valid one', `&#x${'0'.repeat(20)}1${'0'.repeat(14)}41;`],
  ])('refuses the character reference %s in text', (_name, text) => {
    expect(refusal(() => decodeSoapResponse(inboxNamed(text), 'GetFolder'))).toMatch(
      /Malformed XML \(InvalidChar at line 1, column \d+: a character reference to a character XML 1.0 does not allow\)/,
    );
  });

  it('refuses forbidden references in attribute values too', () => {
    const xml = responses.getFolderInboxResponse().replace('ChangeKey="AQAAABYAAAA="', 'ChangeKey="A&#0;"');
    expect(refusal(() => decodeSoapResponse(xml, 'GetFolder'))).toMatch(
      /character reference to a character XML 1.0 does not allow/,
    );
  });

  it.each([
    ['a raw NUL', 'In\u0000box'],
    ['a raw control character', 'In\u0007box'],
    ['a raw U+FFFE', 'In\uFFFEbox'],
    ['a raw U+FFFF', 'In\uFFFFbox'],
    ['a lone high surrogate', 'In\uD83Dbox'],
    ['a lone low surrogate', 'In\uDE00box'],
    ['a lone surrogate at the end of the text', 'Inbox\uD83D'],
    ['a reversed pair', 'In\uDE00\uD83Dbox'],
  ])('refuses %s in text', (_name, text) => {
    expect(refusal(() => decodeSoapResponse(inboxNamed(text), 'GetFolder'))).toMatch(
      /InvalidChar at line 1, column \d+: a character XML 1.0 does not allow/,
    );
  });

  it('refuses forbidden characters in every other place', () => {
    const cases = [
      '<a b="x\u0000y"/>',
      '<a b="x\uD800"/>',
      '<a><![CDATA[x\u0001y]]></a>',
      '<a><!-- \u0000 --></a>',
      '<a><?pi \uFFFF?></a>',
      '<a\uD800/>',
      '<a b\uDC00="1"/>',
      '<a>x\u000By</a>',
      '<a>x\u000Cy</a>',
    ];
    for (const xml of cases)
      expect(
        refusal(() => parseXml(xml, ANY)),
        JSON.stringify(xml),
      ).toMatch(/InvalidChar/);
    // Also where elements are only checked, not built (a FindItem page's items).
    const deferred = '<r><Items><b>x\u0000</b></Items></r>';
    expect(refusal(() => parseXml(deferred, { ...ANY, deferChildrenOf: ['Items'] }))).toMatch(/InvalidChar/);
  });

  it('reads every character XML allows, astral ones included', () => {
    const text = 'tab\there\nline\r\nend \u00e9 \u4e2d \uD83D\uDE00 \uE000 \uFFFD';
    const root = parseXml(`<a b="\uD83D\uDE00 &#x1F600; &#9;">${text}&#x10FFFF;&#xE000;&#xD7FF;</a>`, ANY);
    expect(root.text).toBe(`${text.replace('\r\n', '\n')}\u{10FFFF}\uE000\uD7FF`);
    expect(root.attributes.b).toBe('\u{1F600} \u{1F600} \t');
    expect(parseXml('<\uD83D\uDE00/>', ANY).name).toBe('\uD83D\uDE00');
    const inbox = decodeSoapResponse(inboxNamed('In\u00e9box \uD83D\uDCE5'), 'GetFolder').messages[0]?.node;
    expect(childText(child(inbox, 'Folders', 'Folder'), 'DisplayName')).toBe('In\u00e9box \u{1F4E5}');
  });
});

describe('bytes that are not UTF-8', () => {
  let server: FakeEwsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const encoder = new TextEncoder();
  /** The Inbox answer's bytes with the display name's bytes replaced. */
  function inboxBytes(name: Uint8Array): Uint8Array {
    const [head, tail] = responses.getFolderInboxResponse().split('Inbox');
    return Buffer.concat([encoder.encode(head), name, encoder.encode(tail)]);
  }

  it('are refused by the strict decoder, whole or in chunks', () => {
    for (const bytes of [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80] /* an encoded surrogate */, [0xc0, 0xaf]]) {
      expect(() => decodeUtf8Strictly(Uint8Array.from(bytes), 'GetFolder')).toThrow(/not valid UTF-8/);
    }
    const decoder = new StrictUtf8Decoder();
    // A character cut in two between chunks is fine; cut off at the end it is not.
    expect(
      decoder.decode(Uint8Array.from([0x41, 0xc3]), true) + decoder.decode(Uint8Array.from([0xa9]), true),
    ).toBe('Aé');
    expect(decoder.end()).toBe('');
    const cut = new StrictUtf8Decoder();
    cut.decode(Uint8Array.from([0x41, 0xe2, 0x82]), true);
    expect(() => cut.end()).toThrow(/ends inside a character/);
  });

  it('make EwsClient.send fail with EWS_PROTOCOL, not read as U+FFFD', async () => {
    server = await startFakeEws(() => ({ bytes: inboxBytes(Uint8Array.from([0x49, 0x6e, 0xff, 0x62])) }));
    await using client = new EwsClient({ url: server.url });
    const error = await client
      .send({ operation: 'GetFolder', body: `<m:GetFolder xmlns:m="${MESSAGES}"/>` })
      .catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('still read an error page leniently (only its text for the message)', async () => {
    server = await startFakeEws(() => ({
      status: 503,
      headers: { 'content-type': 'text/html; charset=iso-8859-1' },
      bytes: Uint8Array.from([
        ...encoder.encode('<html>Service indisponible '),
        0xe9,
        ...encoder.encode('</html>'),
      ]),
    }));
    await using client = new EwsClient({ url: server.url });
    const error = await client
      .send({ operation: 'GetFolder', body: `<m:GetFolder xmlns:m="${MESSAGES}"/>` })
      .catch((caught) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_HTTP');
  });

  it('decode fine when they are UTF-8', async () => {
    server = await startFakeEws(() => ({ bytes: inboxBytes(encoder.encode('Boîte de réception 📥')) }));
    await using client = new EwsClient({ url: server.url });
    const response = await client.send({
      operation: 'GetFolder',
      body: `<m:GetFolder xmlns:m="${MESSAGES}"/>`,
    });
    expect(childText(child(response.messages[0]?.node, 'Folders', 'Folder'), 'DisplayName')).toBe(
      'Boîte de réception 📥',
    );
  });
});
