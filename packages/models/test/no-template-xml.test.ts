// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the samples are TypeScript sources holding template literals
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { templateXmlIn } from '../../../tools/template-xml-scan.mjs';

// Issue 16: every XML @ews/models writes is built with @ews/core's el()/fragments(), which escape
// every value and check every name. A string or template literal that writes a tag by hand fails
// here, named by file:line (exempt: error and log messages that only mention an element).
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

describe('no XML written by hand in @ews/models', () => {
  it('finds no string or template literal that writes a tag', () => {
    expect(templateXmlIn(SOURCE)).toEqual([]);
  });
});

describe('the template-XML scanner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ews-template-xml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scan = (source: string): string[] => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'sample.ts'), source);
    return templateXmlIn(join(dir, 'src'));
  };

  it.each([
    ['a prefixed start tag', "const a = '<t:Subject>';"],
    ['an end tag', 'const a = `x</t:Subject>`;'],
    ['an unprefixed end tag', "const a = '</Subject>';"],
    ['a name in a substitution', 'const a = `<${qname}>`;'],
    ['an end tag with a substituted name', 'const a = `${text}</${qname}>`;'],
    ['a self-closing end', 'const a = `${open}/>`;'],
    ['a concatenated opener', "const a = '<' + name;"],
    ['a template concatenated after', 'const a = `${x}<` + name;'],
    ['a prefixed tag in an ordinary call', "write('<m:Restriction>' + inner);"],
  ])('reports %s with its line', (_what, source) => {
    expect(scan(`// sample\n${source}\n`)).toEqual([expect.stringMatching(/^sample\.ts:2: /)]);
  });

  it.each([
    ['an error message naming an element', 'throw invalidArgument(`${where}: <t:Value> is missing`);'],
    ['a protocol error', "throw protocolError('expected </m:Items>');"],
    ['a new error', 'throw new EwsProtocolError(`no <${name}> element`);'],
    ['a log line', 'console.warn(`<t:Foo/> skipped`);'],
    ['a type name', 'const name = `list<${item.name}>`;'],
    ['a lone character', "const i = text.indexOf('<');"],
    ['an entity table', "const E = { '<': '&lt;' };"],
    ['a literal type', "type T = '<t:X/>';"],
  ])('leaves %s alone', (_what, source) => {
    expect(scan(`${source}\n`)).toEqual([]);
  });
});
