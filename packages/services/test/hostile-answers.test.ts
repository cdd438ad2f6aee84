import { decodeUtf8Strictly, EwsError, eachChild } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { readItemNode } from '../src/internal/item-classes.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readFindItemList } from '../src/operations/find-item.js';
import { streamFindItemChildren } from '../src/query/find-item-pages.js';

// Issue 12, the class test of the bounded, namespace-aware reader: a table of hostile FindItem
// answers (wrong namespaces at each level, foreign elements and attributes at each level,
// characters XML forbids in each position, 10,000 levels, 100,000 attributes, 1 MiB names, huge
// text, bytes that are not UTF-8, cut-off answers), each read by the buffered path
// (decodeSoapResponse, as `send`) and by the streamed path (items cut out of the byte stream).
// Each must end in a value or an EwsError with code EWS_PROTOCOL, never another exception; both
// paths must judge alike; and where the change is only foreign matter, the value must be the
// clean answer's (the foreign part ignored), never the forged data.

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** Where a mutation can put attributes (A) or elements (E). */
const LEVELS = [
  'envelope',
  'header',
  'body',
  'response',
  'messages',
  'message',
  'root',
  'items',
  'item',
  'itemid',
  'subject',
] as const;
type Level = (typeof LEVELS)[number];
type Slots = Partial<Record<`A:${Level}` | `E:${Level}` | 'subjectText' | 'id', string>>;

function answer(slots: Slots = {}): string {
  const a = (level: Level) => slots[`A:${level}`] ?? '';
  const e = (level: Level) => slots[`E:${level}`] ?? '';
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    `<s:Envelope xmlns:s="${SOAP}"${a('envelope')}>${e('envelope')}<s:Header${a('header')}>${e('header')}` +
    `<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="${TYPES}"/>` +
    `</s:Header><s:Body${a('body')}><m:FindItemResponse xmlns:m="${MESSAGES}" xmlns:t="${TYPES}"${a('response')}>${e('response')}` +
    `<m:ResponseMessages${a('messages')}>${e('messages')}<m:FindItemResponseMessage ResponseClass="Success"${a('message')}>${e('message')}` +
    `<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder TotalItemsInView="2" IncludesLastItemInRange="true"${a('root')}>${e('root')}` +
    `<t:Items${a('items')}>${e('items')}<t:CalendarItem${a('item')}>${e('item')}` +
    `<t:ItemId Id="${slots.id ?? 'AAMkAGI1AAA='}" ChangeKey="DwAAABYA"${a('itemid')}>${e('itemid')}</t:ItemId>` +
    `<t:Subject${a('subject')}>${e('subject')}${slots.subjectText ?? 'Planning'}</t:Subject>` +
    '<t:Start>2024-05-01T10:00:00Z</t:Start><t:End>2024-05-01T11:00:00Z</t:End></t:CalendarItem>' +
    '<t:Message><t:ItemId Id="AAMkAGI2AAA=" ChangeKey="CQAAABYA"/><t:Subject>Hello</t:Subject></t:Message>' +
    `</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>${e('body')}</s:Body></s:Envelope>`
  );
}

type Outcome = { readonly value: unknown } | { readonly code: string; readonly message: string };

function settle(read: () => unknown): Outcome {
  try {
    return { value: read() };
  } catch (error) {
    if (!EwsError.isInstance(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

async function settleAsync(read: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { value: await read() };
  } catch (error) {
    if (!EwsError.isInstance(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

/** What `send` gives: the whole answer decoded, then its items read. */
function buffered(text: string): Outcome {
  return settle(() => {
    const list = readFindItemList(decodeResponseText(text, 'FindItem'));
    return {
      count: list.count,
      total: list.totalItemsInView,
      items: Array.from(eachChild(list.list), readItemNode),
    };
  });
}

/** What a streamed page gives: items cut out of the bytes as they come, then the skeleton. */
async function streamed(bytes: Uint8Array, chunk = 4096): Promise<Outcome> {
  return settleAsync(async () => {
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let start = 0; start < bytes.length; start += chunk) yield bytes.subarray(start, start + chunk);
    }
    const reader = streamFindItemChildren(body());
    const nodes = [];
    for (;;) {
      const next = await reader.next();
      if (next.done) {
        const list = readFindItemList(decodeResponseText(next.value, 'FindItem'));
        return { count: nodes.length, total: list.totalItemsInView, items: nodes.map(readItemNode) };
      }
      nodes.push(next.value);
    }
  });
}

interface Case {
  readonly name: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
  /** Only foreign matter was added: a value must be the clean answer's. */
  readonly foreignOnly?: boolean;
  /** Must be refused. */
  readonly refused?: boolean;
  /** Only a JavaScript string can hold it (a lone surrogate): as bytes it is U+FFFD, which is fine. */
  readonly textOnly?: boolean;
}

const encoder = new TextEncoder();
const FOREIGN_ATTRIBUTES =
  ' xmlns:evil="urn:evil" evil:Id="FORGED" evil:ResponseClass="Error" evil:TotalItemsInView="99"';
const FOREIGN_ELEMENT = '<evil:Subject xmlns:evil="urn:evil">FORGED</evil:Subject>';
const UNQUALIFIED_ELEMENT = '<Subject>FORGED</Subject><ItemId Id="FORGED"/>';
const PREFIX_OF: Record<Level, string> = {
  envelope: 's',
  header: 's',
  body: 's',
  response: 'm',
  messages: 'm',
  message: 'm',
  root: 'm',
  items: 't',
  item: 't',
  itemid: 't',
  subject: 't',
};

function cases(): Case[] {
  const list: Case[] = [{ name: 'the clean answer' }];
  for (const [name, uri] of [
    ['SOAP', SOAP],
    ['messages', MESSAGES],
    ['types', TYPES],
  ] as const) {
    list.push({ name: `the ${name} namespace replaced`, text: answer().replaceAll(uri, `urn:evil:${name}`) });
  }
  for (const level of LEVELS) {
    // Its prefix rebound to a foreign namespace on the element itself.
    list.push({
      name: `${level} in a foreign namespace`,
      text: answer({ [`A:${level}`]: ` xmlns:${PREFIX_OF[level]}="urn:evil"` }),
    });
    list.push({
      name: `foreign attributes on ${level}`,
      text: answer({ [`A:${level}`]: FOREIGN_ATTRIBUTES }),
      foreignOnly: true,
    });
    // A foreign element in the list is a foreign item: its reader's business (see the report).
    const foreignOnly = level !== 'items';
    list.push({
      name: `a foreign element in ${level}`,
      text: answer({ [`E:${level}`]: FOREIGN_ELEMENT }),
      foreignOnly,
    });
    list.push({
      name: `unqualified elements in ${level}`,
      text: answer({ [`E:${level}`]: UNQUALIFIED_ELEMENT }),
      foreignOnly,
    });
    list.push({
      name: `an undeclared prefix in ${level}`,
      text: answer({ [`E:${level}`]: '<u:Subject/>' }),
      refused: true,
    });
  }
  const forbidden: [string, Slots][] = [
    ['a raw NUL in text', { subjectText: 'In\u0000box' }],
    ['&#0; in text', { subjectText: 'In&#0;box' }],
    ['&#1; in text', { subjectText: 'In&#1;box' }],
    ['&#xD800; in text', { subjectText: '&#xD800;' }],
    ['&#xFFFE; in text', { subjectText: '&#xFFFE;' }],
    ['&#x110000; in text', { subjectText: '&#x110000;' }],
    ['a lone surrogate in text', { subjectText: 'x\uD800y' }],
    ['U+FFFF in text', { subjectText: '\uFFFF' }],
    ['a control character in an attribute', { id: 'AAMk\u0001' }],
    ['&#0; in an attribute', { id: 'AAMk&#0;' }],
    ['a control character in CDATA', { subjectText: '<![CDATA[a\u0002b]]>' }],
    ['a control character in a comment', { 'E:item': '<!-- \u0003 -->' }],
    ['a lone surrogate in a name', { 'E:item': '<t:Sub\uDC00ject/>' }],
    ['an undeclared entity', { subjectText: 'a &nbsp; b' }],
    ['a control character in the header', { 'E:header': '<t:X>\u0004</t:X>' }],
  ];
  for (const [name, slots] of forbidden) {
    list.push({ name, text: answer(slots), refused: true, textOnly: name.includes('lone surrogate') });
  }
  const deep = (n: number) => `${'<t:X>'.repeat(n)}${'</t:X>'.repeat(n)}`;
  list.push({ name: 'depth 10,000 in an item', text: answer({ 'E:item': deep(10_000) }), refused: true });
  list.push({
    name: 'depth 10,000 in the header',
    text: answer({ 'E:header': deep(10_000) }),
    refused: true,
  });
  list.push({
    name: 'depth 10,000 of foreign elements',
    text: answer({ 'E:item': `<x:A xmlns:x="urn:x">${'<x:A>'.repeat(9999)}${'</x:A>'.repeat(10_000)}` }),
    refused: true,
  });
  const manyAttributes = Array.from({ length: 100_000 }, (_, index) => ` a${index}="${index}"`).join('');
  list.push({
    name: '100,000 attributes on an item',
    text: answer({ 'A:item': manyAttributes }),
    refused: true,
  });
  list.push({
    name: '100,000 attributes on the envelope',
    text: answer({ 'A:envelope': manyAttributes }),
    refused: true,
  });
  const mebiName = 'N'.repeat(1024 * 1024);
  list.push({ name: 'a 1 MiB element name', text: answer({ 'E:item': `<t:${mebiName}/>` }), refused: true });
  list.push({
    name: 'a 1 MiB attribute name',
    text: answer({ 'A:itemid': ` ${mebiName}="1"` }),
    refused: true,
  });
  list.push({
    name: 'a 1 MiB attribute value',
    text: answer({ id: 'A'.repeat(1024 * 1024) }),
    refused: true,
  });
  list.push({ name: 'a 10 MiB subject', text: answer({ subjectText: 's'.repeat(10 * 1024 * 1024) }) });
  const [head, tail] = answer().split('Planning');
  list.push({
    name: 'bytes that are not UTF-8',
    bytes: Buffer.concat([encoder.encode(head), Uint8Array.from([0x50, 0xff, 0x6c]), encoder.encode(tail)]),
    refused: true,
  });
  const clean = answer();
  for (const at of ['<t:CalendarItem', '<t:Subject>', '</t:Items>', '</s:Body>', 'ResponseClass=']) {
    list.push({ name: `cut off before ${at}`, text: clean.slice(0, clean.indexOf(at)), refused: true });
  }
  return list;
}

describe('hostile FindItem answers, buffered and streamed', () => {
  const clean = buffered(answer());

  it('reads the clean answer the same both ways', async () => {
    expect(clean).toMatchObject({ value: { count: 2, total: 2 } });
    const value = (clean as { value: { items: { subject?: string; itemId?: { id: string } }[] } }).value;
    expect(value.items.map((item) => item.subject)).toEqual(['Planning', 'Hello']);
    expect(value.items[0]?.itemId?.id).toBe('AAMkAGI1AAA=');
    expect(await streamed(encoder.encode(answer()))).toEqual(clean);
  });

  it.each(cases().map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const bytes = entry.bytes ?? encoder.encode(entry.text ?? answer());
    if (entry.textOnly) {
      const fromText = buffered(entry.text ?? '');
      expect('code' in fromText && fromText.code).toBe('EWS_PROTOCOL');
      return;
    }
    const fromStream = await streamed(bytes);
    // The buffered path reads text: for bytes that are not UTF-8 `send` refuses them first.
    const fromText =
      entry.text === undefined && entry.bytes !== undefined
        ? settle(() => decodeUtf8Strictly(bytes, 'FindItem'))
        : buffered(entry.text ?? answer());
    for (const outcome of [fromText, fromStream]) {
      if ('code' in outcome) expect(outcome.code, outcome.message).toBe('EWS_PROTOCOL');
    }
    if (entry.bytes === undefined) {
      // Both paths judge alike: both refuse, or both read the same values.
      expect('code' in fromStream, JSON.stringify(fromStream).slice(0, 300)).toBe('code' in fromText);
      if ('value' in fromText) expect(fromStream).toEqual(fromText);
    }
    if (entry.refused) expect('code' in fromStream, JSON.stringify(fromStream).slice(0, 300)).toBe(true);
    if (entry.foreignOnly && 'value' in fromStream) expect(fromStream).toEqual(clean);
    if ('value' in fromStream) expect(JSON.stringify(fromStream.value)).not.toContain('FORGED');
  });
});
