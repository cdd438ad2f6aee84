import { describe, expect, it } from 'vitest';
import { EwsInvalidArgumentError } from '../../src/errors/error-classes.js';
import { el, fragments, isXmlFragment, raw } from '../../src/xml/write.js';

// A fragment that slips into string building would reach the wire as "[object Object]": the
// bench's canned server did exactly that after models' writers began returning fragments.
describe('an XmlFragment refuses to become a string', () => {
  const made = [el('t:Subject', {}, 'a & b'), fragments([el('t:A'), 'x']), raw('<t:B/>')];

  it.each(made.map((fragment) => [fragment.xml, fragment] as const))('%s', (_xml, fragment) => {
    expect(isXmlFragment(fragment)).toBe(true);
    expect(() => `${fragment}`).toThrow(EwsInvalidArgumentError);
    expect(() => `<m:Items>${fragment}</m:Items>`).toThrow(/XmlFragment was used as a string/);
    expect(() => '<m:Items>' + fragment).toThrow(EwsInvalidArgumentError);
    expect(() => [fragment, fragment].join('')).toThrow(EwsInvalidArgumentError);
    expect(() => String(fragment)).toThrow(EwsInvalidArgumentError);
  });

  it('is still a child of el() and keeps its text', () => {
    const subject = el('t:Subject', {}, 'a & b');
    expect(el('t:Item', {}, [subject, raw('<t:B/>')]).xml).toBe(
      '<t:Item><t:Subject>a &amp; b</t:Subject><t:B/></t:Item>',
    );
    expect(JSON.stringify(subject)).toBe('{"xml":"<t:Subject>a &amp; b</t:Subject>"}');
  });
});
