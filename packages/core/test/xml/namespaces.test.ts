import { describe, expect, it } from 'vitest';
import {
  child,
  childText,
  eachChild,
  expandedName,
  parseXml,
  readFragmentContext,
  XmlNameTable,
} from '../../src/xml/parse.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12, defects 9 and 19: the reader kept local names only, so an element or attribute of
// any namespace was read as EWS's. Namespaces in XML decide now: EWS's elements (SOAP 1.1,
// messages, types, errors) by local name, any other element and every prefixed attribute by
// `{uri}local`, which no lookup by local name matches; every prefix must be declared.

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
const T = `xmlns:t="${TYPES}"`;

describe('parseXml reads namespaces', () => {
  it('does not take a Subject of another namespace, placed first, for the item’s Subject', () => {
    const item = parseXml(
      `<t:Message ${T}><Subject xmlns="urn:other">forged</Subject><t:Subject>real</t:Subject></t:Message>`,
    );
    expect(childText(item, 'Subject')).toBe('real');
    expect(item.children.map((node) => node.name)).toEqual(['{urn:other}Subject', 'Subject']);
    expect(item.children.map((node) => node.namespace)).toEqual(['urn:other', TYPES]);
    // Looked up on purpose, it is there.
    expect(childText(item, expandedName('urn:other', 'Subject'))).toBe('forged');
  });

  it('does not let a prefixed attribute replace an EWS attribute, before or after it', () => {
    const before = parseXml(`<t:FolderId ${T} xmlns:evil="urn:evil" evil:Id="forged" Id="real"/>`);
    const after = parseXml(`<t:FolderId ${T} xmlns:evil="urn:evil" Id="real" evil:Id="forged"/>`);
    for (const node of [before, after]) {
      expect(node.attributes.Id).toBe('real');
      expect(node.attributes['{urn:evil}Id']).toBe('forged');
    }
    const alone = parseXml(`<t:FolderId ${T} xmlns:evil="urn:evil" evil:Id="forged"/>`);
    expect(alone.attributes.Id).toBeUndefined();
    // Not even a prefix bound to EWS's own namespace: EWS attributes are unqualified.
    expect(parseXml(`<t:FolderId ${T} t:Id="x"/>`).attributes.Id).toBeUndefined();
  });

  it('reads an element in no namespace as foreign by default', () => {
    const root = parseXml(`<t:Message ${T}><Subject xmlns="">x</Subject></t:Message>`);
    expect(root.children[0]?.name).toBe('{}Subject');
    expect(parseXml('<Subject>x</Subject>').name).toBe('{}Subject');
    expect(childText(root, 'Subject')).toBeUndefined();
  });

  it('scopes declarations to their element: a prefix rebound inside is foreign there only', () => {
    const root = parseXml(
      `<t:Message ${T}><t:Subject xmlns:t="urn:x">forged</t:Subject><t:Subject>real</t:Subject></t:Message>`,
    );
    expect(root.children.map((node) => node.name)).toEqual(['{urn:x}Subject', 'Subject']);
    expect(childText(root, 'Subject')).toBe('real');
    const defaults = parseXml(
      `<Message xmlns="${TYPES}"><Subject>a</Subject><Body xmlns="urn:y"><Text>b</Text></Body><Size>3</Size></Message>`,
    );
    expect(defaults.children.map((node) => node.name)).toEqual(['Subject', '{urn:y}Body', 'Size']);
    expect(defaults.children[1]?.children[0]?.name).toBe('{urn:y}Text');
  });

  it('names by whatever prefix the server chose, or a default namespace', () => {
    const a = parseXml(`<q:Envelope xmlns:q="${SOAP}"><q:Body/></q:Envelope>`);
    const b = parseXml(`<Envelope xmlns="${SOAP}"><Body/></Envelope>`);
    for (const root of [a, b]) {
      expect(root.name).toBe('Envelope');
      expect(root.namespace).toBe(SOAP);
      expect(child(root, 'Body')?.namespace).toBe(SOAP);
    }
  });

  it('refuses what Namespaces in XML forbids', () => {
    const cases: [string, RegExp][] = [
      ['<t:Message/>', /InvalidTag .*undeclared namespace prefix/],
      [`<t:Message ${T}><x:Subject/></t:Message>`, /InvalidTag .*undeclared namespace prefix/],
      [`<t:Message ${T} x:Id="1"/>`, /InvalidAttr .*undeclared namespace prefix/],
      [`<t:Message ${T}><t:Subject xmlns:u="urn:u"/><u:Size/></t:Message>`, /undeclared namespace prefix/],
      ['<a xmlns:p=""/>', /empty namespace name/],
      ['<a xmlns:xml="urn:x"/>', /xml prefix/],
      [`<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>`, /xml prefix/],
      ['<a xmlns:p="http://www.w3.org/2000/xmlns/"/>', /xmlns namespace/],
      ['<xmlns:a/>', /prefix xmlns|undeclared/],
      ['<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', /repeated attribute/],
    ];
    for (const [xml, message] of cases)
      expect(
        refusal(() => parseXml(xml)),
        xml,
      ).toMatch(message);
  });

  it('reads xml:lang under its expanded name without a declaration', () => {
    const root = parseXml('<faultstring xml:lang="en-US">x</faultstring>');
    expect(root.attributes).toEqual({ '{http://www.w3.org/XML/1998/namespace}lang': 'en-US' });
  });

  it("takes namespaces of the caller's choosing, or 'any'", () => {
    const xml = '<a:Autodiscover xmlns:a="urn:pox"><a:Response/><Other xmlns="urn:o"/></a:Autodiscover>';
    const pox = parseXml(xml, { namespaces: ['urn:pox'] });
    expect(pox.name).toBe('Autodiscover');
    expect(pox.children.map((node) => node.name)).toEqual(['Response', '{urn:o}Other']);
    expect(parseXml(xml).name).toBe('{urn:pox}Autodiscover');
    const any = parseXml(xml, { namespaces: 'any' });
    expect(any.children.map((node) => node.name)).toEqual(['Response', 'Other']);
    expect(any.children.map((node) => node.namespace)).toEqual(['urn:pox', 'urn:o']);
  });

  it('reads deferred children in the scope of their list, declarations on the list included', () => {
    const xml =
      `<m:Items xmlns:m="${MESSAGES}" ${T} xmlns:x="urn:x"><t:Message><t:Subject>a</t:Subject></t:Message>` +
      '<x:Message><t:Subject>b</t:Subject></x:Message></m:Items>';
    const eager = parseXml(xml);
    const lazy = parseXml(xml, { deferChildrenOf: ['Items'] });
    const built = Array.from(eachChild(lazy));
    expect(built).toStrictEqual(eager.children);
    expect(built.map((node) => node.name)).toEqual(['Message', '{urn:x}Message']);
  });

  it('reads a fragment cut out of a document as in place (readFragmentContext)', () => {
    const start = `<s:Envelope xmlns:s="${SOAP}"><s:Body><m:Items xmlns:m="${MESSAGES}" ${T}>`;
    const context = readFragmentContext(start);
    expect(context.depth).toBe(3);
    expect(context.path).toEqual(['Envelope', 'Body', 'Items']);
    expect(context.prefixes).toMatchObject({ s: SOAP, m: MESSAGES, t: TYPES });
    const names = new XmlNameTable();
    const item = parseXml('<t:Message><t:Subject>a</t:Subject></t:Message>', { context, names });
    expect(item.name).toBe('Message');
    expect(item.namespace).toBe(TYPES);
    // Without the context its prefix is not declared.
    expect(refusal(() => parseXml('<t:Message/>'))).toMatch(/undeclared namespace prefix/);
    // The same rebinding rules inside the fragment.
    expect(parseXml('<t:Message xmlns:t="urn:x"/>', { context }).name).toBe('{urn:x}Message');
  });
});
