// Keeps a package's built JavaScript ASCII-only (tsup's onSuccess). esbuild escapes every non-ASCII
// character of code, but copies comments as written: one `…` or `→` in a kept comment makes V8 read
// the whole file as UTF-8 into a two-byte string, which costs a cold import about 1% of undici's
// whole import per package (measured with callgrind, issue 16). Only comment lines are rewritten,
// so no string the code uses can change.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;
const SPELLED = new Map([
  ['…', '...'],
  ['→', '->'],
  ['←', '<-'],
  ['↔', '<->'],
  ['–', '-'],
  ['—', '-'],
  ['×', 'x'],
  ['≤', '<='],
  ['≥', '>='],
]);

/** Rewrites the non-ASCII characters of comment lines in dist/*.js and dist/*.cjs. */
export function asciiComments(distDirectory) {
  for (const name of readdirSync(distDirectory, { recursive: true })) {
    if (!/\.c?js$/.test(name)) continue;
    const path = join(distDirectory, name);
    const text = readFileSync(path, 'utf8');
    if (!/[^\0-\x7f]/.test(text)) continue;
    const ascii = text
      .split('\n')
      .map((line) =>
        COMMENT_LINE.test(line) ? line.replace(/[^\0-\x7f]/gu, (c) => SPELLED.get(c) ?? '?') : line,
      )
      .join('\n');
    writeFileSync(path, ascii);
  }
}
