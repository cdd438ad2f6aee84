import { describe, expect, it } from 'vitest';
import { child, eachChild, parseXml, readFragmentContext, xmlContentRules } from '../../src/xml/parse.js';
import { protocolRefusal as refusal } from '../helpers/protocol-refusal.js';

// Issue 12: an element moved to a foreign namespace read as absent (a subject that "is not there",
// an empty list), and one moved between two of the document's own namespaces read as if in place.
// parseXml's `content` rules refuse both while the document is read.

const A = 'urn:a';
const B = 'urn:b';
const RULES = xmlContentRules({
  namespaces: { [A]: { namespaces: [A, B] }, [B]: { namespaces: [B] } },
  elements: {
    [A]: {
      // A named child: Named must be of B; others follow the namespace's rule.
      Parent: { namespaces: [A, B], children: { Named: B, Either: [A, B] } },
      Open: { foreign: true },
      Closed: { namespaces: [] },
    },
  },
});

const read = (body: string) =>
  parseXml(`<a:Root xmlns:a="${A}" xmlns:b="${B}" xmlns:x="urn:x">${body}</a:Root>`, {
    namespaces: [A, B],
    content: RULES,
  });

describe('parseXml content rules', () => {
  it('reads what fits', () => {
    const root = read('<a:Parent><b:Named><b:Deep/></b:Named><a:Other/><b:Other/><a:Either/></a:Parent>');
    expect(child(root, 'Parent', 'Named', 'Deep')?.namespace).toBe(B);
    // Without rules the same names read as before.
    expect(
      parseXml('<a:Root xmlns:a="urn:a"><x:Y xmlns:x="urn:x"/></a:Root>', { namespaces: [A] }),
    ).toBeTruthy();
  });

  it('refuses a foreign element where the rule takes none, naming it and its parent', () => {
    expect(refusal(() => read('<a:Parent><x:Named/></a:Parent>'))).toMatch(
      /^Refused XML \(<x:Named> in namespace urn:x is not allowed inside <a:Parent>, at line 1, column \d+\)/,
    );
    expect(refusal(() => read('<b:Leaf><x:Y/></b:Leaf>'))).toMatch(/<x:Y> in namespace urn:x/);
    // An element in no namespace is foreign too.
    expect(refusal(() => read('<b:Leaf><plain/></b:Leaf>'))).toMatch(/<plain> in no namespace/);
  });

  it('refuses a child of a namespace the rule does not allow, and a named child of the wrong one', () => {
    // B's elements hold only B's.
    expect(refusal(() => read('<b:Leaf><a:Up/></b:Leaf>'))).toMatch(
      /<a:Up> in namespace urn:a is not allowed inside <b:Leaf>/,
    );
    expect(refusal(() => read('<a:Parent><a:Named/></a:Parent>'))).toMatch(/<a:Named> in namespace urn:a/);
    expect(refusal(() => read('<a:Closed><b:Any/></a:Closed>'))).toMatch(/inside <a:Closed>/);
  });

  it('takes anything below an open element, and checks its own children as usual', () => {
    const root = read(
      '<a:Open><x:Anything><a:Whatever><b:Deeper/></a:Whatever></x:Anything><b:Mine/></a:Open>',
    );
    expect(child(root, 'Open', '{urn:x}Anything')).toBeDefined();
    expect(refusal(() => read('<a:Open><b:Mine><a:Up/></b:Mine></a:Open>'))).toMatch(/<a:Up>/);
  });

  it('checks deferred children on the first pass', () => {
    const body = '<a:List><b:Item/><b:Item><x:Forged/></b:Item></a:List>';
    const xml = `<a:Root xmlns:a="${A}" xmlns:b="${B}" xmlns:x="urn:x">${body}</a:Root>`;
    expect(
      refusal(() => parseXml(xml, { namespaces: [A, B], content: RULES, deferChildrenOf: ['List'] })),
    ).toMatch(/<x:Forged>/);
    const fine = xml.replace('<x:Forged/>', '');
    const list = child(
      parseXml(fine, { namespaces: [A, B], content: RULES, deferChildrenOf: ['List'] }),
      'List',
    );
    expect([...eachChild(list)]).toHaveLength(2);
  });

  it('holds a fragment to the rule of the element it was cut from', () => {
    const context = readFragmentContext(`<a:Root xmlns:a="${A}" xmlns:b="${B}"><b:List>`, {
      namespaces: [A, B],
      content: RULES,
    });
    expect(parseXml('<b:Item><b:Field/></b:Item>', { context }).name).toBe('Item');
    expect(refusal(() => parseXml('<a:Item/>', { context }))).toMatch(/<a:Item> in namespace urn:a/);
    expect(refusal(() => parseXml('<x:Item xmlns:x="urn:x"/>', { context }))).toMatch(/<x:Item>/);
    // A context made without rules checks nothing.
    const loose = readFragmentContext(`<a:Root xmlns:a="${A}" xmlns:b="${B}"><b:List>`, {
      namespaces: [A, B],
    });
    expect(parseXml('<x:Item xmlns:x="urn:x"/>', { context: loose }).name).toBe('{urn:x}Item');
  });

  it('bounds a namespace URI in its message', () => {
    const uri = `urn:${'u'.repeat(50_000)}`;
    expect(refusal(() => read(`<b:Leaf><x:Y xmlns:x="${uri}"/></b:Leaf>`)).length).toBeLessThan(600);
  });

  it('refuses a spec that names rules for elements of a namespace without a rule', () => {
    expect(() => xmlContentRules({ namespaces: {}, elements: { [A]: { X: {} } } })).toThrow(
      /need a rule for the namespace too/,
    );
  });
});
