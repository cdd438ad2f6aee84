import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textConversionsIn } from '../../../tools/text-conversions.mjs';

// @ews/client reads no dates or numbers from servers itself; a hand-made conversion (`new
// Date(text)`, `Number(text)`…) that appears here must use @ews/models' strict kinds instead.

describe('no reader turns server text into a Date or number by hand', () => {
  it('the source has no `new Date(…)`, `Date.parse`, `Number(…)`, `parseInt`, `parseFloat` or unary `+`', () => {
    expect(textConversionsIn(fileURLToPath(new URL('../src/', import.meta.url)))).toEqual([]);
  });
});
