import { describe, expect, it } from 'vitest';
import { parseXml, type XmlNode } from '../../src/xml/parse.js';

// Inputs a hostile or broken server could send: the reader must stay linear and not recurse.

describe('parseXml on unusual shapes', () => {
  it('reads many attributes, and finds a repeated one among them', () => {
    const names = Array.from({ length: 40 }, (_, index) => `a${index}`);
    const tag = names.map((name, index) => `${name}="${index}"`).join(' ');
    const root = parseXml(`<e ${tag}/>`, { namespaces: 'any' });
    expect(Object.keys(root.attributes)).toEqual(names);
    expect(root.attributes.a39).toBe('39');
    expect(() => parseXml(`<e ${tag} a0="again"/>`, { namespaces: 'any' })).toThrow(
      /InvalidAttr .*a repeated attribute/,
    );
    expect(() => parseXml(`<e ${tag} a39="again"/>`, { namespaces: 'any' })).toThrow(
      /InvalidAttr .*a repeated attribute/,
    );
  });

  // With the depth limit lifted (by default 256 levels are read: see reader-limits.test.ts).
  it('reads deeply nested elements without recursion', () => {
    const depth = 50_000;
    const root = parseXml(`${'<n>'.repeat(depth)}x${'</n>'.repeat(depth)}`, {
      namespaces: 'any',
      limits: { maxDepth: Number.POSITIVE_INFINITY },
    });
    let node: XmlNode | undefined = root;
    let levels = 0;
    while (node && node.children.length > 0) {
      node = node.children[0];
      levels++;
    }
    expect(levels).toBe(depth - 1);
    expect(node?.text).toBe('x');
  });

  it('refuses a deeply nested document that is not closed, naming where the innermost open element starts', () => {
    expect(() =>
      parseXml(`<a>\n${'<n>'.repeat(1000)}`, { namespaces: 'any', limits: { maxDepth: 2000 } }),
    ).toThrow(/InvalidTag at line 2, column 2998: an element is not closed/);
  });

  it('keeps each element its own children when siblings and nesting interleave', () => {
    const root = parseXml('<r><a><b/><c><d/></c><e/></a><f/><g><h/></g></r>', { namespaces: 'any' });
    const shape = (node: XmlNode): unknown => [node.name, node.children.map(shape)];
    expect(shape(root)).toEqual([
      'r',
      [
        [
          'a',
          [
            ['b', []],
            ['c', [['d', []]]],
            ['e', []],
          ],
        ],
        ['f', []],
        ['g', [['h', []]]],
      ],
    ]);
  });
});
