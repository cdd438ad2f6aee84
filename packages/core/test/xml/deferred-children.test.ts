import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSoapResponse } from '../../src/soap/response.js';
import { childCount, eachChild, parseXml, type XmlNode } from '../../src/xml/parse.js';
import * as responses from '../helpers/exchange-responses.js';

// `parseXml(text, { deferChildrenOf })` checks the children of the named elements on the first
// pass but builds them only when read (`children`, or one at a time with `eachChild`). It must
// give exactly the eager tree, refuse exactly what the eager reader refuses (with the same
// message), and keep document order.

const repository = new URL('../../../../', import.meta.url);
const FIXTURE_DIRECTORIES = ['packages/core/test/fixtures/responses/', 'packages/models/test/fixtures/'];

function fixtures(): { name: string; text: string }[] {
  return FIXTURE_DIRECTORIES.flatMap((directory) => {
    const url = new URL(directory, repository);
    return readdirSync(url)
      .filter((name) => name.endsWith('.xml'))
      .sort()
      .map((name) => ({ name: directory + name, text: readFileSync(new URL(name, url), 'utf8') }));
  });
}

/** A plain copy of `node`, every deferred list read through eachChild (nothing cached). */
function viaEachChild(node: XmlNode): unknown {
  return {
    name: node.name,
    attributes: { ...node.attributes },
    children: Array.from(eachChild(node), viaEachChild),
    text: node.text,
  };
}

function plain(node: XmlNode): unknown {
  return {
    name: node.name,
    attributes: { ...node.attributes },
    children: node.children.map(plain),
    text: node.text,
  };
}

// Hand-written documents here have no namespaces (or made-up ones): read every element by local name.
const ANY = { namespaces: 'any' } as const;

function errorMessage(read: () => unknown): string | undefined {
  try {
    read();
  } catch (error) {
    return String(error);
  }
  return undefined;
}

function elementNames(node: XmlNode, names = new Set<string>()): Set<string> {
  names.add(node.name);
  for (const child of node.children) elementNames(child, names);
  return names;
}

describe('parseXml with deferred children', () => {
  it('gives the eager tree on every XML fixture, deferring Items or any element', () => {
    const files = fixtures();
    expect(files.length).toBeGreaterThanOrEqual(10);
    let deferredLists = 0;
    for (const { name, text } of files) {
      const eager = parseXml(text);
      const lazyItems = parseXml(text, { deferChildrenOf: ['Items'] });
      expect(viaEachChild(lazyItems), name).toStrictEqual(plain(eager));
      expect(lazyItems, name).toStrictEqual(eager);
      // Every element name in turn: the outermost of that name is read check-only.
      for (const element of elementNames(eager)) {
        const lazy = parseXml(text, { deferChildrenOf: [element] });
        expect(viaEachChild(lazy), `${name} deferring ${element}`).toStrictEqual(plain(eager));
        deferredLists++;
      }
    }
    expect(deferredLists).toBeGreaterThan(100);
  });

  it('gives the eager tree on hand-written edge cases inside a deferred element', () => {
    const cases = [
      '<b>x</b><b>y</b><c/>',
      '\n  <b>x</b>\n  <c> </c>\n',
      '<t:b xmlns:t="u" z="&amp;&#13;&#x41;&lt;">t&amp;u&#13;&#x1F600;</t:b>',
      'pre<b/>mid<c>1</c>post',
      '  pre <b/>  ',
      '<![CDATA[<x>&amp;]]><b><![CDATA[x]]>y<![CDATA[z]]></b>',
      '<!-- c --><b>1</b><?pi x?>',
      '<b a="x\ny\tz" c="x\r\ny" d="&#10;&#9;&#13;"/>',
      '<b>x\r\ny\rz<![CDATA[1\r\n2]]></b>',
      '<b></b ><c\nx = "1"\n/>',
      '<é:ñ xmlns:é="u" 中="文">ü</é:ñ>',
      '<Items><b>nested list</b></Items><b>after</b>',
      '',
      'only text &amp; more',
    ];
    for (const content of cases) {
      const xml = `<r><Items a="1">${content}</Items><Items/><z/></r>`;
      const eager = parseXml(xml, ANY);
      const lazy = parseXml(xml, { ...ANY, deferChildrenOf: ['Items'] });
      expect(lazy, JSON.stringify(content)).toStrictEqual(eager);
      expect(viaEachChild(lazy), JSON.stringify(content)).toStrictEqual(plain(eager));
    }
  });

  it('refuses malformed XML inside a deferred element, with the eager message', () => {
    const cases = [
      '<b></c>',
      '<b>',
      '</b>',
      '<b c=d/>',
      '<b c/>',
      '<b c="1"d="2"/>',
      '<b c="1" c="2"/>',
      '<b c="1></b>',
      '<1b/>',
      '< b/>',
      '<b></ b>',
      '<b></b c="1">',
      '<b x="1"/ >',
      '<b>x & y</b>',
      '<b>&;</b>',
      '<b>&#12a;</b>',
      '<b>&#x;</b>',
      '<b c="x<y"/>',
      '<b c="x & y"/>',
      '<b c="&#x;"/>',
      '<b><__proto__>1</__proto__></b>',
      '<constructor/>',
      '<b prototype="1"/>',
      '<b t:__proto__="1"/>',
      '<b:c:d/>',
      '<b :c="1"/>',
      '<b:/>',
      '<!-- open',
      '<![CDATA[x',
      '<?pi ',
      '<?xml version="1.0"?>',
      '<!ELEMENT b>',
      '<!ENTITY x "y">',
      '<!DOCTYPE b>',
      'x & y',
    ];
    for (const content of cases) {
      const xml = `<r>\n <Items>\n  <ok/>${content}<ok/>\n </Items>\n</r>`;
      const eager = errorMessage(() => parseXml(xml, ANY));
      expect(eager, JSON.stringify(content)).toMatch(/EWS_PROTOCOL|Malformed XML|not accepted/);
      expect(
        errorMessage(() => parseXml(xml, { ...ANY, deferChildrenOf: ['Items'] })),
        JSON.stringify(content),
      ).toBe(eager);
    }
  });

  it('builds children one at a time, in document order, from any index range', () => {
    const items = Array.from(
      { length: 25 },
      (_, index) => `<t:Message><t:Subject>#${index}</t:Subject></t:Message>`,
    );
    const xml = `<m:Items xmlns:m="m" xmlns:t="t">${items.join('\n')}</m:Items>`;
    const node = parseXml(xml, { ...ANY, deferChildrenOf: ['Items'] });
    expect(childCount(node)).toBe(25);
    const subjects = (from?: number, to?: number) =>
      Array.from(eachChild(node, from, to), (item) => item.children[0]?.text);
    expect(subjects()).toStrictEqual(items.map((_, index) => `#${index}`));
    expect(subjects(3, 6)).toStrictEqual(['#3', '#4', '#5']);
    expect(subjects(20, 99)).toStrictEqual(['#20', '#21', '#22', '#23', '#24']);
    expect(subjects(30)).toStrictEqual([]);
    // Each pass builds new nodes (none is kept); `children` builds once and keeps them.
    const [first] = eachChild(node);
    const [again] = eachChild(node);
    expect(first).not.toBe(again);
    expect(first).toStrictEqual(again);
    expect(node.children).toBe(node.children);
    expect(childCount(node)).toBe(node.children.length);
    // Without deferral the same functions read the built children.
    const eager = parseXml(xml, ANY);
    expect(childCount(eager)).toBe(25);
    expect(Array.from(eachChild(eager, 3, 6))).toStrictEqual(eager.children.slice(3, 6));
    expect(childCount(undefined)).toBe(0);
    expect(Array.from(eachChild(undefined))).toStrictEqual([]);
  });

  it("is what decodeSoapResponse reads: a FindItem page's Items deferred, other answers built at once", () => {
    const isDeferred = (node: XmlNode | undefined) =>
      node !== undefined && Object.getOwnPropertyDescriptor(node, 'children')?.get !== undefined;
    const itemsOf = (responseNode: XmlNode, ...path: string[]) =>
      path.reduce<XmlNode | undefined>(
        (node, name) => node?.children.find((c) => c.name === name),
        responseNode,
      );

    const findItem =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
      '<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      '<m:RootFolder TotalItemsInView="2" IncludesLastItemInRange="true"><t:Items>' +
      '<t:Message><t:ItemId Id="a"/><t:Subject>One</t:Subject></t:Message>' +
      '<t:CalendarItem><t:ItemId Id="b"/><t:Subject>Two &amp; more</t:Subject></t:CalendarItem>' +
      '</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>' +
      '</s:Body></s:Envelope>';
    const page = decodeSoapResponse(findItem, 'FindItem');
    const pageItems = itemsOf(
      page.responseNode,
      'ResponseMessages',
      'FindItemResponseMessage',
      'RootFolder',
      'Items',
    );
    expect(isDeferred(pageItems)).toBe(true);
    expect(childCount(pageItems)).toBe(2);
    const eagerPage = parseXml(findItem).children.find((node) => node.name === 'Body')?.children[0];
    expect(page.responseNode).toStrictEqual(eagerPage);

    const decoded = decodeSoapResponse(responses.getItemPartialResponse(), 'GetItem');
    const eager = parseXml(responses.getItemPartialResponse());
    const eagerBody = eager.children.find((node) => node.name === 'Body')?.children[0];
    expect(decoded.responseNode).toStrictEqual(eagerBody);
    expect(decoded.messages.length).toBeGreaterThan(0);
    const getItems = itemsOf(decoded.responseNode, 'ResponseMessages', 'GetItemResponseMessage', 'Items');
    expect(getItems).toBeDefined();
    expect(isDeferred(getItems)).toBe(false);
  });
});
