import {
  child,
  children,
  DEFAULT_READER_LIMITS,
  decodeSoapResponse,
  EwsError,
  parseXml,
  type XmlNode,
} from '@ews/core';
import { describe, expect, it } from 'vitest';
import { streamFindItemChildren } from '../src/query/find-item-pages.js';

// A FindItem page read while it arrives must give exactly what the whole-text reader gives, for
// any cut of the bytes into chunks, and refuse what it refuses.

const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

function page(
  itemsXml: string,
  rootAttributes = 'TotalItemsInView="3" IncludesLastItemInRange="true"',
): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\r\n<s:Envelope ${NS}><s:Header><t:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11"/></s:Header>` +
    '<s:Body><m:FindItemResponse><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">' +
    `<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder ${rootAttributes}>${itemsXml}</m:RootFolder>` +
    '</m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>'
  );
}

const ITEMS =
  '<t:Items>\n' +
  '  <t:CalendarItem><t:ItemId Id="AAMk=" ChangeKey="a>b"/><t:Subject>Tea &amp; cake — ünïcødé 😀</t:Subject>' +
  '<t:Items><t:Items>nested lists named alike</t:Items></t:Items></t:CalendarItem>\n' +
  '  <!-- a comment between items -->\n' +
  "  <t:Message><t:Subject><![CDATA[<not a tag>]]></t:Subject><t:Body BodyType='Text'>line\r\nbreak</t:Body></t:Message>\n" +
  '  <t:Contact/>\n' +
  '</t:Items>';

function chunksOf(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

async function* stream(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function readAll(text: string, size: number): Promise<{ items: XmlNode[]; skeleton: string }> {
  const reader = streamFindItemChildren(stream(chunksOf(text, size)));
  const items: XmlNode[] = [];
  for (;;) {
    const next = await reader.next();
    if (next.done) return { items, skeleton: next.value };
    items.push(next.value);
  }
}

function itemsOf(xml: string): readonly XmlNode[] {
  const response = decodeSoapResponse(xml, 'FindItem');
  return children(child(response.messages[0]?.node, 'RootFolder', 'Items'));
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('streamFindItemChildren (core streamElementChildren)', () => {
  it('gives the items and the skeleton of the whole-text reader, for every chunk size', async () => {
    const xml = page(ITEMS);
    const expected = itemsOf(xml);
    expect(expected.map((item) => item.name)).toStrictEqual(['CalendarItem', 'Message', 'Contact']);
    for (const size of [1, 2, 3, 5, 7, 16, 61, 256, 100_000]) {
      const { items, skeleton } = await readAll(xml, size);
      expect(items, `chunks of ${size}`).toStrictEqual(expected);
      expect(parseXml(skeleton), `chunks of ${size}`).toStrictEqual(parseXml(page('<t:Items></t:Items>')));
      const root = child(decodeSoapResponse(skeleton, 'FindItem').messages[0]?.node, 'RootFolder');
      expect(root?.attributes.TotalItemsInView).toBe('3');
    }
  });

  it('keeps an empty list, and an answer without one, whole', async () => {
    const empty = page('<t:Items/>');
    expect(await readAll(empty, 7)).toStrictEqual({ items: [], skeleton: empty });
    const error =
      `<s:Envelope ${NS}><s:Body><m:FindItemResponse><m:ResponseMessages>` +
      '<m:FindItemResponseMessage ResponseClass="Error"><m:MessageText>No such folder</m:MessageText>' +
      '<m:ResponseCode>ErrorFolderNotFound</m:ResponseCode></m:FindItemResponseMessage>' +
      '</m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>';
    const { items, skeleton } = await readAll(error, 5);
    expect(items).toStrictEqual([]);
    expect(skeleton).toBe(error);
    expect(decodeSoapResponse(skeleton, 'FindItem').messages[0]?.responseCode).toBe('ErrorFolderNotFound');
  });

  it('refuses a malformed item, text between items, and a cut-off answer', async () => {
    const cases = [
      page('<t:Items><t:Message><t:Subject>x</t:Message></t:Items>'),
      page('<t:Items><t:Message><t:Subject>x & y</t:Subject></t:Message></t:Items>'),
      page('<t:Items><t:Message a="1" a="2"/></t:Items>'),
      page('<t:Items><t:Message/>stray text<t:Message/></t:Items>'),
      page('<t:Items><t:Message/>\u00a0<t:Message/></t:Items>'),
    ];
    for (const xml of cases) {
      const error = await errorOf(readAll(xml, 9));
      expect(EwsError.isInstance(error) ? error.code : error, xml).toBe('EWS_PROTOCOL');
    }
    // Cut off inside the list, or a broken envelope after it: the skeleton is refused.
    for (const xml of [page(ITEMS).slice(0, page(ITEMS).indexOf('<t:Message>') + 20), `${page(ITEMS)}<x>`]) {
      const { skeleton } = await readAll(xml, 11);
      let error: unknown;
      try {
        decodeSoapResponse(skeleton, 'FindItem');
      } catch (caught) {
        error = caught;
      }
      expect(EwsError.isInstance(error) ? error.code : error).toBe('EWS_PROTOCOL');
    }
  });

  it('stops reading the body when left early', async () => {
    let returned = false;
    const chunks = chunksOf(page(ITEMS), 10);
    const body: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        let index = 0;
        return {
          next: async () =>
            index < chunks.length
              ? { done: false, value: chunks[index++] as Uint8Array }
              : { done: true, value: undefined },
          return: async () => {
            returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    for await (const item of streamFindItemChildren(body)) {
      expect(item.name).toBe('CalendarItem');
      break;
    }
    expect(returned).toBe(true);
  });
});

// Issue 12: a streamed item is judged exactly as the same item inside the whole answer: in the
// namespace declarations in scope at the list, at its depth there, within the client's limits,
// from bytes that must be UTF-8.
describe('streamFindItemChildren (core streamElementChildren) judges an item as the buffered reader does', () => {
  const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

  /** Outcome of both paths: the items' trees, or the error code and message. */
  async function bothPaths(xml: string, size = 13): Promise<{ streamed: unknown; buffered: unknown }> {
    const outcome = async (read: () => Promise<unknown>) => {
      try {
        return { items: await read() };
      } catch (error) {
        return { code: EwsError.isInstance(error) ? error.code : String(error) };
      }
    };
    return {
      streamed: await outcome(async () => (await readAll(xml, size)).items),
      buffered: await outcome(async () => [...itemsOf(xml)]),
    };
  }

  it('resolves prefixes declared on the envelope, the answer or the list itself', async () => {
    const onList = page(`<t:Items xmlns:q="${T}"><q:Message><q:Subject>a</q:Subject></q:Message></t:Items>`);
    const defaultOnList = page(`<t:Items><Message xmlns="${T}"><Subject>b</Subject></Message></t:Items>`);
    for (const xml of [page(ITEMS), onList, defaultOnList]) {
      const { streamed, buffered } = await bothPaths(xml);
      expect(streamed).toStrictEqual(buffered);
      expect((streamed as { items: XmlNode[] }).items[0]?.namespace).toBe(T);
    }
  });

  it('refuses foreign elements in an item, and reads foreign attributes as foreign, as the buffered reader does', async () => {
    // Issue 12: an element of another namespace where types.xsd has none would read as absent (a
    // forged Subject first, a real Size moved away); both paths refuse it.
    const foreignElement = page(
      '<t:Items xmlns:evil="urn:evil"><t:Message><evil:Subject>forged</evil:Subject><t:Subject>real</t:Subject></t:Message></t:Items>',
    );
    const movedField = page(
      '<t:Items><t:Message><t:Size xmlns:t="urn:evil">9</t:Size></t:Message></t:Items>',
    );
    const movedItem = page(
      '<t:Items><t:Message xmlns:t="urn:evil"><t:Subject>x</t:Subject></t:Message></t:Items>',
    );
    for (const xml of [foreignElement, movedField, movedItem]) {
      const { streamed, buffered } = await bothPaths(xml);
      expect(streamed).toStrictEqual({ code: 'EWS_PROTOCOL' });
      expect(buffered).toStrictEqual({ code: 'EWS_PROTOCOL' });
    }
    const foreignAttribute = page(
      '<t:Items xmlns:evil="urn:evil"><t:Message><t:Subject>real</t:Subject><t:ItemId evil:Id="forged" Id="real"/></t:Message></t:Items>',
    );
    const { streamed, buffered } = await bothPaths(foreignAttribute);
    expect(streamed).toStrictEqual(buffered);
    const [item] = (streamed as { items: XmlNode[] }).items;
    expect(child(item, 'Subject')?.text).toBe('real');
    expect(child(item, 'ItemId')?.attributes.Id).toBe('real');
  });

  it('refuses an undeclared prefix, a forbidden character and too deep an item, as the buffered reader does', async () => {
    // The list is at depth 7: an item of 250 levels reaches 257 in place.
    const deep = `<t:Message>${'<t:X>'.repeat(249)}${'</t:X>'.repeat(249)}</t:Message>`;
    const fits = `<t:Message>${'<t:X>'.repeat(248)}${'</t:X>'.repeat(248)}</t:Message>`;
    for (const items of [
      '<t:Items><u:Message/></t:Items>',
      '<t:Items><t:Message><t:Subject>In&#0;box</t:Subject></t:Message></t:Items>',
      '<t:Items><t:Message><t:Subject>In\u0000box</t:Subject></t:Message></t:Items>',
      `<t:Items>${deep}</t:Items>`,
    ]) {
      const { streamed, buffered } = await bothPaths(page(items));
      expect(streamed, items.slice(0, 80)).toStrictEqual({ code: 'EWS_PROTOCOL' });
      expect(buffered, items.slice(0, 80)).toStrictEqual({ code: 'EWS_PROTOCOL' });
    }
    const { streamed, buffered } = await bothPaths(page(`<t:Items>${fits}</t:Items>`));
    expect(streamed).toStrictEqual(buffered);
    expect((streamed as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses bytes that are not UTF-8, even split across chunks', async () => {
    const [head, tail] = page(ITEMS).split('Tea');
    const bytes = Buffer.concat([
      Buffer.from(head ?? ''),
      Buffer.from([0x54, 0xc3, 0x28]),
      Buffer.from(tail ?? ''),
    ]);
    for (const size of [1, 2, 7, 100_000]) {
      const chunks: Uint8Array[] = [];
      for (let start = 0; start < bytes.length; start += size)
        chunks.push(bytes.subarray(start, start + size));
      const reader = streamFindItemChildren(stream(chunks));
      const error = await errorOf(
        (async () => {
          for await (const _ of reader);
        })(),
      );
      expect(EwsError.isInstance(error) && error.code, `chunks of ${size}`).toBe('EWS_PROTOCOL');
      expect(String(error)).toMatch(/not valid UTF-8/);
    }
  });

  it('holds no more than maxStreamedItemLength characters of one item, or of the envelope', async () => {
    const limits = { ...DEFAULT_READER_LIMITS, maxStreamedItemLength: 4096 };
    const read = (xml: string) =>
      errorOf(
        (async () => {
          for await (const _ of streamFindItemChildren(stream(chunksOf(xml, 512)), limits));
        })(),
      );
    const bigItem = page(
      `<t:Items><t:Message><t:Subject>${'s'.repeat(8000)}</t:Subject></t:Message></t:Items>`,
    );
    expect(String(await read(bigItem))).toMatch(
      /a streamed element longer than the reader limit maxStreamedItemLength \(4096 characters\)/,
    );
    const bigEnvelope = page(ITEMS).replace('<s:Header>', `<s:Header><!--${'c'.repeat(8000)}-->`);
    expect(String(await read(bigEnvelope))).toMatch(/maxStreamedItemLength/);
    const neverEnds = `${page('<t:Items>')}${'<t:Message>'.repeat(2000)}`;
    expect(String(await read(neverEnds))).toMatch(/maxStreamedItemLength/);
    const fits = page(`<t:Items><t:Message><t:Subject>${'s'.repeat(3000)}</t:Subject></t:Message></t:Items>`);
    expect(await read(fits)).toBeUndefined();
  });

  it('streams the list where the buffered reader reads it, not an element of that name elsewhere', async () => {
    const elsewhere = [
      page(ITEMS).replace(
        '<s:Header>',
        '<s:Header><t:Items><t:Message><t:Subject>forged</t:Subject></t:Message></t:Items>',
      ),
      page(ITEMS).replace('<m:RootFolder', '<x:Items xmlns:x="urn:x"><t:Message/></x:Items><m:RootFolder'),
      page(ITEMS.replace('<t:Items>', '<t:Items xmlns:t="urn:evil">')),
    ];
    for (const xml of elsewhere) {
      const { streamed, buffered } = await bothPaths(xml, 64);
      expect(streamed).toStrictEqual(buffered);
    }
    expect((await bothPaths(elsewhere[0] as string)).streamed).toMatchObject({ items: expect.any(Array) });
    const many = page(ITEMS).replace('<s:Header>', `<s:Header>${'<t:Items/>'.repeat(9)}`);
    expect(String(await errorOf(readAll(many, 64)))).toMatch(
      /More than 8 elements named <Items> before the list/,
    );
  });

  it('scans an item arriving in many chunks once, not once per chunk', async () => {
    // 2 MB of one item in 1-byte... 64-byte chunks: quadratic rescanning would take minutes.
    const subjects = Array.from({ length: 20_000 }, (_, index) => `<t:Subject>${index}</t:Subject>`).join('');
    const xml = page(`<t:Items><t:Message>${subjects}</t:Message></t:Items>`);
    const started = Date.now();
    const { items } = await readAll(xml, 64);
    expect(items).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
