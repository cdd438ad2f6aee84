import { readdirSync, readFileSync } from 'node:fs';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { parseXml, type XmlNode } from '../../src/xml/parse.js';
import * as responses from '../helpers/exchange-responses.js';
import { referenceParseXml } from './fast-xml-parser-reference.js';

// parseXml is our own single-pass reader (docs/decisions/0003-own-xml-reader.md). It must give
// exactly the tree the fast-xml-parser pipeline gave (validator + ordered parse + conversion,
// kept in fast-xml-parser-reference.ts) on every XML document in the repository, and refuse
// what that pipeline refused. The pipeline knew no namespaces: the comparison reads every element
// by its local name (`namespaces: 'any'`) and compares names without namespaces (a prefixed
// attribute's `{uri}local` as `local`). Where the reader is stricter on purpose (namespace
// well-formedness, characters XML forbids, undeclared entities: issue 12) it may refuse what the
// pipeline accepted, and only with one of those reasons.

const repository = new URL('../../../../', import.meta.url);

/** The text of every file ending in `extension` directly inside `directory` (repository-relative). */
function filesIn(directory: string, extension: string): { name: string; text: string }[] {
  const url = new URL(directory, repository);
  return readdirSync(url)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => ({ name: `${directory}${name}`, text: readFileSync(new URL(name, url), 'utf8') }));
}

/** Every string inside a vector file that looks like an XML document or fragment. */
function xmlStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('<') && trimmed.endsWith('>')) out.push(value);
  } else if (Array.isArray(value)) for (const item of value) xmlStrings(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) xmlStrings(item, out);
  return out;
}

type Outcome = { ok: true; node: XmlNode } | { ok: false };

// The reasons the reader refuses, on purpose, documents the pipeline accepted.
const STRICTER =
  /undeclared namespace prefix|xmlns prefix|the xml prefix|empty namespace name|a character XML 1.0 does not allow|a character reference to a character XML 1.0 does not allow|undeclared entity/;

/** Our tree as the pipeline shapes it: no namespace, attributes by local name only. */
function withoutNamespaces(node: XmlNode): unknown {
  const attributes: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(node.attributes)) {
    attributes[name.startsWith('{') ? name.slice(name.indexOf('}') + 1) : name] = value;
  }
  return {
    name: node.name,
    namespace: '',
    attributes,
    children: node.children.map(withoutNamespaces),
    text: node.text,
  };
}

const ANY = { namespaces: 'any' } as const;
let stricterRefusals = 0;

function outcome(read: () => XmlNode): Outcome {
  try {
    return { ok: true, node: read() };
  } catch {
    return { ok: false };
  }
}

/** Compares both readers on `xml`; returns whether the reference accepted it. */
function compare(xml: string, label: string): boolean {
  const expected = outcome(() => referenceParseXml(xml));
  if (expected.ok) {
    let ours: XmlNode;
    try {
      ours = parseXml(xml, ANY);
    } catch (error) {
      expect(String(error), label).toMatch(STRICTER);
      stricterRefusals++;
      return true;
    }
    expect(withoutNamespaces(ours), label).toStrictEqual(expected.node);
    return true;
  }
  let error: unknown;
  try {
    parseXml(xml, ANY);
  } catch (caught) {
    error = caught;
  }
  expect(EwsError.isInstance(error) ? error.code : error, label).toBe('EWS_PROTOCOL');
  return false;
}

const FIXTURE_DIRECTORIES = [
  'packages/core/test/fixtures/responses/',
  'packages/models/test/fixtures/',
  'tools/ews-schema/schema-tests/valid/',
  'tools/ews-schema/schema-tests/invalid/',
];

describe('parseXml agrees with the fast-xml-parser pipeline', () => {
  it('on every XML fixture file (core, models, the schema tests)', () => {
    const files = FIXTURE_DIRECTORIES.flatMap((directory) => filesIn(directory, '.xml'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    const before = stricterRefusals;
    const accepted = files.filter(({ name, text }) => compare(text, name));
    // Only the deliberately broken schema test is not well-formed.
    expect(files.length - accepted.length).toBe(1);
    expect(stricterRefusals).toBe(before);
    // Exchange's answers hold nothing outside EWS's namespaces: read with the default (EWS's
    // namespaces only), every element keeps its local name but SOAP 1.1's unqualified fault parts.
    const foreign = new Set<string>();
    const walk = (node: XmlNode): void => {
      if (node.name.startsWith('{')) foreign.add(node.name);
      node.children.forEach(walk);
    };
    for (const { text } of filesIn('packages/core/test/fixtures/responses/', '.xml')) walk(parseXml(text));
    expect([...foreign].sort()).toEqual(['{}detail', '{}faultcode', '{}faultstring']);
  });

  it("on every XML string in exchangelib's vectors", () => {
    const directory = new URL('tools/vectors/exchangelib/', repository);
    const names = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
    expect(names.length).toBeGreaterThanOrEqual(10);
    let documents = 0;
    let accepted = 0;
    for (const name of names) {
      for (const [index, xml] of xmlStrings(loadVectors(name)).entries()) {
        documents++;
        if (compare(xml, `${name}[${index}]: ${xml.slice(0, 120)}`)) accepted++;
      }
    }
    expect(documents).toBeGreaterThan(250);
    expect(accepted).toBeGreaterThan(200);
    // Fragments of bigger documents, written without the declarations of their prefixes.
    expect(stricterRefusals).toBeLessThan(documents / 4);
  });

  it('on the canned Exchange answers core tests use', () => {
    const documents = [
      responses.getFolderInboxResponse(),
      responses.getItemPartialResponse(),
      responses.createItemResponse(),
      responses.invalidServerVersionFault(),
      responses.serverBusyFault(1500),
    ];
    const before = stricterRefusals;
    for (const xml of documents) expect(compare(xml, xml.slice(0, 120))).toBe(true);
    expect(stricterRefusals).toBe(before);
  });

  it('on hand-written edge cases', () => {
    const cases = [
      '<a><b>x</b><b>y</b><c/></a>',
      '<a>\n  <b>x</b>\n  <c> </c>\n</a>',
      '<a x="1" xmlns:t="u" t:y="2"><t:b z="&amp;&#13;&#x41;&lt;">t&amp;u&#13;&#x1F600;</t:b></a>',
      '<a t:y="2" xmlns:t="u"/>',
      '<a>pre<b/>mid<c>1</c>post</a>',
      '<a>  pre <b/>  </a>',
      '<a>\u00A0<b/>\u2003</a>',
      '<a><![CDATA[<x>&amp;]]></a>',
      '<a> <![CDATA[ ]]> <b/></a>',
      '<a><!-- c --><b>1</b><?pi x?></a>',
      "<?xml version='1.0'?><a b='q\"' c=\"it's\"/>",
      '<a><b></b><c x="1"/><d x="1">t</d><e x="1"></e></a>',
      '<s:a xmlns:s="u" xmlns="v"><s:b>1</s:b></s:a>',
      '<a><b>x<!--c-->y</b></a>',
      '<a><b><![CDATA[x]]>y<![CDATA[z]]></b></a>',
      '<a>&apos;&quot;&gt;&amp;amp;&#x0000041;&#0000065;</a>',
      '<a b="x\ny\tz" c="x\r\ny" d="&#10;&#9;&#13;"/>',
      '<a>x\r\ny\rz<![CDATA[1\r\n2]]></a>',
      '<a></a >',
      '<a\nb = "1"\n/>',
      '<a\tb=\'1\'\r\n c="2" />',
      '<?xml version="1.0"?>\n<!-- lead -->\n<a>007</a>\n',
      '<é:ñ xmlns:é="u" 中="文">ü</é:ñ>',
      '<a>]]&gt; > </a>',
      '<a><![CDATA[<!DOCTYPE html>]]></a>',
    ];
    const before = stricterRefusals;
    for (const xml of cases) expect(compare(xml, JSON.stringify(xml)), JSON.stringify(xml)).toBe(true);
    expect(stricterRefusals).toBe(before);
  });

  it('refuses what the pipeline refused', () => {
    const cases = [
      '<a><b></a>',
      '<a>',
      '<a><b>',
      '</a>',
      'text<a/>',
      '<a></a><b></b>',
      '<a b=c/>',
      '<a b/>',
      '<a b="1"c="2"/>',
      '<a b="1" b="2"/>',
      '<a b="1></a>',
      '<1a/>',
      '< a/>',
      '<a></ a>',
      '<a></a b="1">',
      '<a></ab>',
      '<ab></a>',
      '<a x="1"/ >',
      '<a>x & y</a>',
      '<a>&;</a>',
      '<a><b>x&am<!--c-->p;y</b></a>',
      '<a>&#12a;</a>',
      '<a><__proto__>1</__proto__></a>',
      '<a><constructor/></a>',
      '<a prototype="1"/>',
      '<a><!-- open</a>',
      '<a><![CDATA[x</a>',
      '<a><?pi </a>',
      '<!DOCTYPE a><a/>',
      '<a><!ENTITY x "y"></a>',
      '<!-- only a comment -->',
      '<?xml version="1.0"?>',
    ];
    for (const xml of cases) expect(compare(xml, JSON.stringify(xml)), JSON.stringify(xml)).toBe(false);
  });
});

describe('parseXml where it deliberately differs from the pipeline', () => {
  it.each([
    ["'<' inside an attribute value", '<a b="x<y"/>', /InvalidAttr/],
    ["a '&' that starts no reference in an attribute value", '<a b="x & y"/>', /InvalidChar/],
    ['text after the root element', '<a/>text', /InvalidXml/],
    ['a DTD declaration inside the document', '<a><!ELEMENT a></a>', /InvalidTag/],
    ['an element name with two colons', '<a:b:c>1</a:b:c>', /InvalidTag/],
    ['an attribute name with an empty prefix', '<a :b="1"/>', /InvalidAttr/],
    ['an element name with an empty local part', '<a:/>', /InvalidTag/],
    ['an XML declaration inside the document', '<a><?xml version="1.0"?></a>', /InvalidXml/],
    ['a character reference without digits', '<a>&#x;</a>', /InvalidChar/],
    // Since issue 12: what the pipeline let through as data.
    ['a reference to NUL', '<a>In&#0;box</a>', /InvalidChar .*character XML 1.0 does not allow/],
    ['a reference to a control character', '<a>&#1;</a>', /InvalidChar .*character XML 1.0 does not allow/],
    ['a reference to a surrogate', '<a>&#xD800;</a>', /InvalidChar .*character XML 1.0 does not allow/],
    ['a reference to U+FFFE', '<a>&#xFFFE;</a>', /InvalidChar .*character XML 1.0 does not allow/],
    ['a reference past U+10FFFF', '<a>&#x110000;</a>', /InvalidChar .*character XML 1.0 does not allow/],
    ['a huge reference', `<a b="&#${'9'.repeat(40)};"/>`, /InvalidChar .*character XML 1.0 does not allow/],
    [
      'a raw NUL',
      '<a>In\u0000box</a>',
      /InvalidChar at line 1, column 6: a character XML 1.0 does not allow/,
    ],
    [
      'a raw control character in an attribute',
      '<a b="\u0001"/>',
      /InvalidChar .*a character XML 1.0 does not allow/,
    ],
    ['a lone surrogate', '<a>\uD800x</a>', /InvalidChar .*a character XML 1.0 does not allow/],
    ['U+FFFF in a comment', '<a><!--\uFFFF--></a>', /InvalidChar .*a character XML 1.0 does not allow/],
    ['references to undeclared entities', '<a>&unknown; &nbsp;</a>', /InvalidChar .*undeclared entity/],
    ['an undeclared element prefix', '<é:ñ>ü</é:ñ>', /InvalidTag .*undeclared namespace prefix/],
    ['an undeclared attribute prefix', '<a t:b="1"/>', /InvalidAttr .*undeclared namespace prefix/],
    [
      'the xmlns prefix on an element',
      '<xmlns:a xmlns:xmlns="u"/>',
      /InvalidAttr .*xmlns prefix cannot be declared/,
    ],
    ['a prefix bound to nothing', '<t:a xmlns:t=""/>', /InvalidAttr .*empty namespace name/],
    ['a prefix bound twice in one tag', '<a xmlns:t="u" xmlns:t="v"/>', /InvalidAttr .*repeated attribute/],
    [
      'two attributes with one expanded name',
      '<a xmlns:p="u" xmlns:q="u" p:b="1" q:b="2"/>',
      /InvalidAttr .*repeated attribute/,
    ],
  ])('refuses %s', (_name, xml, message) => {
    expect(() => parseXml(xml, ANY)).toThrow(message);
  });

  it('keeps a prefixed attribute apart from the unprefixed one of the same local name', () => {
    const root = parseXml('<a t:b="1" b="2" xmlns:t="u"/>', ANY);
    expect({ ...root.attributes }).toEqual({ b: '2', '{u}b': '1' });
  });

  it('decodes character references with leading zeros (any number of digits)', () => {
    expect(parseXml('<a>&#x0000041;&#0000066;</a>', ANY).text).toBe('AB');
  });

  it('reports line and column of the fault without quoting the document', () => {
    expect(() => parseXml('<a>\r\n  <secret-name>\n  </a>', ANY)).toThrow(
      /^Malformed XML \(InvalidTag at line 3, column 3: an end tag that does not match its start tag\)$/,
    );
    let message = '';
    try {
      parseXml('<a><b password="Hunter2"></c></a>', ANY);
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/Malformed XML \(InvalidTag at line 1, column 26/);
    expect(message).not.toContain('Hunter2');
    expect(message).not.toContain('password');
  });

  it('keeps names such as toString as written (fast-xml-parser renamed them __toString)', () => {
    expect(parseXml('<a><toString>1</toString></a>', ANY).children[0]?.name).toBe('toString');
  });

  it('never reaches Object.prototype through attribute names', () => {
    const root = parseXml('<a hasOwnProperty="1" toString="2" valueOf="3"/>', ANY);
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect(root.attributes.toString).toBe('2');
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });
});
