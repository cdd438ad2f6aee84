import { describe, expect, it } from 'vitest';
import { canonicalXml } from './canonical-xml.js';

// The comparator itself must be able to fail, or the vector tests prove nothing.
describe('canonicalXml', () => {
  it('ignores prefixes, attribute order, declaration and pretty-printing', () => {
    const a = `<?xml version='1.0' encoding='utf-8'?>\n<s:E xmlns:s="urn:x">\n  <s:B b="2" a="1"/>\n</s:E>`;
    const b = '<x:E xmlns:x="urn:x"><x:B a="1" b="2"></x:B></x:E>';
    expect(canonicalXml(a)).toBe(canonicalXml(b));
  });
  it.each([
    ['namespace', '<x:E xmlns:x="urn:y"><x:B a="1" b="2"/></x:E>'],
    ['element order', '<x:E xmlns:x="urn:x"><x:C/><x:B a="1" b="2"/></x:E>'],
    ['attribute value', '<x:E xmlns:x="urn:x"><x:B a="1" b="3"/><x:C/></x:E>'],
    ['text', '<x:E xmlns:x="urn:x"><x:B a="1" b="2">t</x:B><x:C/></x:E>'],
  ])('sees a difference in %s', (_what, other) => {
    const base = '<x:E xmlns:x="urn:x"><x:B a="1" b="2"/><x:C/></x:E>';
    expect(canonicalXml(other)).not.toBe(canonicalXml(base));
  });
});
