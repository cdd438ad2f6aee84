import { describe, expect, it } from 'vitest';
import { EwsError } from '../errors/ews-error.js';
import { asArray, child, children, childText, decodeEntities, parseXml, XmlNameTable } from './parse.js';

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
// Documents without EWS's namespaces say so: by default only EWS's elements keep local names.
const ANY = { namespaces: 'any' } as const;

function protocolError(run: () => unknown): EwsError {
  try {
    run();
  } catch (error) {
    if (EwsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an EwsProtocolError, nothing was thrown');
}

describe('parseXml', () => {
  // Until issue 12 the reader dropped every prefix, so `t:Id` was read as `Id` (and `evil:Id`
  // too); EWS attributes are unqualified, so a prefixed one is never one of them.
  it('names EWS elements by local name and prefixed attributes by expanded name; drops xmlns declarations', () => {
    const root = parseXml(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body ${M} ${T}>` +
        '<m:GetFolderResponse><t:FolderId t:Id="AAMk" ChangeKey="AQAA"/></m:GetFolderResponse></s:Body></s:Envelope>',
    );
    expect(root.name).toBe('Envelope');
    expect(root.namespace).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    const folderId = child(root, 'Body', 'GetFolderResponse', 'FolderId');
    expect(folderId?.namespace).toBe(TYPES);
    expect(folderId?.attributes).toEqual({ [`{${TYPES}}Id`]: 'AAMk', ChangeKey: 'AQAA' });
    expect(child(root, 'Body')?.attributes).toEqual({});
  });

  it('reads any prefix, and default namespaces, the same way', () => {
    const a = parseXml(
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><q:Item ${T.replace('xmlns:t', 'xmlns:q')}>1</q:Item></soap:Body></soap:Envelope>`,
    );
    const b = parseXml(
      `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><Item xmlns="${TYPES}">1</Item></Body></Envelope>`,
    );
    expect(childText(child(a, 'Body'), 'Item')).toBe('1');
    expect(childText(child(b, 'Body'), 'Item')).toBe('1');
    const any = parseXml('<Envelope xmlns="x"><Body><Item xmlns="y">1</Item></Body></Envelope>', ANY);
    expect(childText(child(any, 'Body'), 'Item')).toBe('1');
  });

  it('never coerces values: numbers, booleans and leading zeros stay strings', () => {
    const root = parseXml(
      `<t:F ${T} Count="007"><t:TotalCount>0012</t:TotalCount><t:B>true</t:B><t:E>1e3</t:E></t:F>`,
    );
    expect(root.attributes.Count).toBe('007');
    expect(childText(root, 'TotalCount')).toBe('0012');
    expect(childText(root, 'B')).toBe('true');
    expect(childText(root, 'E')).toBe('1e3');
  });

  it('decodes the predefined entities and character references once, in text and attributes', () => {
    const root = parseXml(
      '<a title="x &amp;amp; &#34;y&#34;">&lt;b&gt; &amp; &apos;q&apos; &quot; &#x2014; &#65; &#x1F600; &amp;lt;</a>',
      ANY,
    );
    expect(root.text).toBe("<b> & 'q' \" \u2014 A \u{1F600} &lt;");
    expect(root.attributes.title).toBe('x &amp; "y"');
  });

  it('keeps CDATA content literally and joins it with the surrounding text', () => {
    const root = parseXml('<a>x <![CDATA[<b>&amp;</b>]]> y</a>', ANY);
    expect(root.text).toBe('x <b>&amp;</b> y');
  });

  it('keeps whitespace inside text, normalises CRLF, and drops indentation between elements', () => {
    const root = parseXml('<a>\r\n  <b>  two\r\nlines  </b>\n  <c/>\n</a>', ANY);
    expect(root.text).toBe('');
    expect(childText(root, 'b')).toBe('  two\nlines  ');
    expect(childText(root, 'c')).toBe('');
  });

  it('keeps mixed child elements in document order', () => {
    const root = parseXml(
      `<m:Items ${M} ${T}><t:Message/><t:CalendarItem/><t:Message/><t:Contact/></m:Items>`,
    );
    expect(children(root).map((node) => node.name)).toEqual([
      'Message',
      'CalendarItem',
      'Message',
      'Contact',
    ]);
    expect(children(root, 'Message')).toHaveLength(2);
    expect(children(root, 'Task')).toEqual([]);
  });

  it('accepts a BOM, leading whitespace, comments and processing instructions', () => {
    const root = parseXml(
      '\uFEFF \n<?xml version="1.0" encoding="utf-8"?><!-- <!DOCTYPE in a comment --><?pi x?><a><!-- c --><b/></a>',
      ANY,
    );
    expect(root.name).toBe('a');
    expect(children(root).map((node) => node.name)).toEqual(['b']);
  });

  it('rejects DOCTYPE and entity declarations (XXE, entity expansion) before parsing', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>&xxe;</s:Body></s:Envelope>';
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a>&lol2;</a>';
    const lowercase = '<!doctype a><a/>';
    for (const payload of [xxe, laughs, lowercase]) {
      const error = protocolError(() => parseXml(payload));
      expect(error.code).toBe('EWS_PROTOCOL');
      expect(error.message).toMatch(/DOCTYPE declarations are not accepted/);
      expect(error.message).not.toContain('passwd');
    }
    expect(protocolError(() => parseXml('<a><!ENTITY x "y"></a>')).message).toMatch(/ENTITY/);
  });

  // Until issue 12 they were kept as written ("&nbsp;" came back as data); without a DTD XML
  // declares no other entity, so such a reference is not well-formed.
  it('refuses references to undeclared entities instead of expanding them or keeping them as text', () => {
    for (const text of ['<a>&xxe;</a>', '<a>x &nbsp;</a>', '<a b="&nbsp;"/>', '<a>&constructor;</a>']) {
      const error = protocolError(() => parseXml(text, ANY));
      expect(error.message).toMatch(/InvalidChar at line 1.*undeclared entity/);
    }
  });

  it('allows DOCTYPE-looking text inside CDATA', () => {
    expect(parseXml('<a><![CDATA[<!DOCTYPE html>]]></a>').text).toBe('<!DOCTYPE html>');
  });

  it.each([
    ['an empty body', '', /empty body/],
    ['whitespace only', ' \n ', /empty body/],
    ['plain text', 'Service Unavailable', /Expected an XML document, got: Service Unavailable/],
    ['an unclosed element', '<a><b></a>', /Malformed XML \(InvalidTag at line 1/],
    ['a truncated document', '<s:Envelope xmlns:s="x"><s:Body>', /Malformed XML/],
    ['two root elements', '<a/><b/>', /one root element, found 2/],
    ['a repeated attribute', '<a x="1" x="2"/>', /Malformed XML \(InvalidAttr/],
  ])('throws EwsProtocolError for %s', (_name, text, message) => {
    const error = protocolError(() => parseXml(text, { operation: 'GetItem' }));
    expect(error.code).toBe('EWS_PROTOCOL');
    expect(error.operation).toBe('GetItem');
    expect(error.message).toMatch(message);
  });

  it('refuses element names that could pollute prototypes, without polluting them', () => {
    const error = protocolError(() => parseXml('<a><__proto__><polluted>yes</polluted></__proto__></a>'));
    expect(error.code).toBe('EWS_PROTOCOL');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a short excerpt of a non-XML body, with credentials masked', () => {
    const error = protocolError(() =>
      parseXml(
        `Login failed for password=${'Hunter2-secret'} Authorization: Basic YWxpY2U6SHVudGVyMg== ${'x'.repeat(500)}`,
      ),
    );
    expect(error.message).not.toContain('Hunter2-secret');
    expect(error.message).not.toContain('YWxpY2U6SHVudGVyMg==');
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('helpers', () => {
  const root = parseXml('<r><a><b>1</b><b>2</b></a><c>3</c></r>', ANY);

  it('child walks a path of first matches', () => {
    expect(child(root, 'a', 'b')?.text).toBe('1');
    expect(child(root, 'a', 'x', 'b')).toBeUndefined();
    expect(child(undefined, 'a')).toBeUndefined();
    expect(child(root)).toBe(root);
  });

  it('childText is undefined for a missing child and the text otherwise', () => {
    expect(childText(root, 'c')).toBe('3');
    expect(childText(root, 'missing')).toBeUndefined();
  });

  it('asArray turns none, one or many into an array', () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray('x')).toEqual(['x']);
    expect(asArray(['x', 'y'])).toEqual(['x', 'y']);
  });

  it('decodeEntities leaves invalid character references as written', () => {
    expect(decodeEntities('&#0; &#xD800; &#x110000; &#9;')).toBe('&#0; &#xD800; &#x110000; \t');
  });
});

describe('parseXml with a shared XmlNameTable', () => {
  it('reads each document as parsing it alone would, across prefixes and more names than slots', () => {
    const names = new XmlNameTable();
    // 3,000 distinct names in a 1,024-slot table: slots are taken over, and every document must
    // still get its own names back (also attribute names, and one name under two prefixes).
    for (let index = 0; index < 3000; index++) {
      const document =
        `<t:CalendarItem ${T} ${M} t:Flag${index}="a" Id="${index}"><t:Field${index}>x</t:Field${index}>` +
        `<m:Field${index}/><t:Subject>s ${index}</t:Subject></t:CalendarItem>`;
      expect(parseXml(document, { names })).toStrictEqual(parseXml(document));
    }
  });

  it('keeps errors where they were', () => {
    const names = new XmlNameTable();
    parseXml(`<t:Subject ${T}>a</t:Subject>`, { names });
    expect(protocolError(() => parseXml(`<t:Subject ${T}>a</t:Subjec>`, { names })).message).toMatch(
      /end tag that does not match/,
    );
  });
});
