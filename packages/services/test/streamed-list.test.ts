import { child, children, decodeSoapResponse, EwsError, parseXml, type XmlNode } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { streamListChildren } from '../src/internal/streamed-list.js';

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
  '<m:Items>\n' +
  '  <t:CalendarItem><t:ItemId Id="AAMk=" ChangeKey="a>b"/><t:Subject>Tea &amp; cake — ünïcødé 😀</t:Subject>' +
  '<t:Items><t:Items>nested lists named alike</t:Items></t:Items></t:CalendarItem>\n' +
  '  <!-- a comment between items -->\n' +
  "  <t:Message><t:Subject><![CDATA[<not a tag>]]></t:Subject><t:Body BodyType='Text'>line\r\nbreak</t:Body></t:Message>\n" +
  '  <t:Contact/>\n' +
  '</m:Items>';

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
  const reader = streamListChildren(stream(chunksOf(text, size)), 'Items', 'FindItem');
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

describe('streamListChildren', () => {
  it('gives the items and the skeleton of the whole-text reader, for every chunk size', async () => {
    const xml = page(ITEMS);
    const expected = itemsOf(xml);
    expect(expected.map((item) => item.name)).toStrictEqual(['CalendarItem', 'Message', 'Contact']);
    for (const size of [1, 2, 3, 5, 7, 16, 61, 256, 100_000]) {
      const { items, skeleton } = await readAll(xml, size);
      expect(items, `chunks of ${size}`).toStrictEqual(expected);
      expect(parseXml(skeleton), `chunks of ${size}`).toStrictEqual(parseXml(page('<m:Items></m:Items>')));
      const root = child(decodeSoapResponse(skeleton, 'FindItem').messages[0]?.node, 'RootFolder');
      expect(root?.attributes.TotalItemsInView).toBe('3');
    }
  });

  it('keeps an empty list, and an answer without one, whole', async () => {
    const empty = page('<m:Items/>');
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
      page('<m:Items><t:Message><t:Subject>x</t:Message></m:Items>'),
      page('<m:Items><t:Message><t:Subject>x & y</t:Subject></t:Message></m:Items>'),
      page('<m:Items><t:Message a="1" a="2"/></m:Items>'),
      page('<m:Items><t:Message/>stray text<t:Message/></m:Items>'),
      page('<m:Items><t:Message/>\u00a0<t:Message/></m:Items>'),
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
    for await (const item of streamListChildren(body, 'Items', 'FindItem')) {
      expect(item.name).toBe('CalendarItem');
      break;
    }
    expect(returned).toBe(true);
  });
});
