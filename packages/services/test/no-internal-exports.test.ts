import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { internalExportsOf, packageEntries } from '../../../tools/internal-exports.mjs';

// Issue 16, narrow doors: no package's public entry exports anything from `internal/`, neither by
// an export statement naming an internal path nor by a name declared there (through any chain of
// re-exports). One check over every package of the repository, not only this one.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packagesDir = join(root, 'packages');

describe('the public entries of every package', () => {
  const entries = packageEntries(packagesDir);

  it('are the ones package.json exports name', () => {
    const names = entries.map((entry) =>
      entry
        .slice(packagesDir.length + 1)
        .split('\\')
        .join('/'),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'services/src/index.ts',
        'core/src/index.ts',
        'core/src/testing/index.ts',
        'models/src/index.ts',
        'client/src/index.ts',
        'autodiscover/src/index.ts',
        'cli/src/index.ts',
      ]),
    );
  });

  it('export nothing from internal/', () => {
    expect(internalExportsOf(entries, root)).toEqual([]);
  }, 60_000);
});

describe('the internal-export check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ews-internal-exports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (files: Record<string, string>): string[] => {
    const src = join(dir, `case-${Math.random().toString(36).slice(2)}`, 'src');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(src, name)), { recursive: true });
      writeFileSync(join(src, name), text);
    }
    return internalExportsOf([join(src, 'index.ts')], dirname(src));
  };

  it('names an export statement from an internal path', () => {
    const found = check({
      'index.ts': "export { type Ref, refOf } from './internal/ids.js';\n",
      'internal/ids.ts':
        'export type Ref = { id: string };\nexport const refOf = (id: string): Ref => ({ id });\n',
    });
    expect(found).toEqual([
      'src/index.ts: Ref is declared in src/internal/ids.ts',
      "src/index.ts: exports from './internal/ids.js'",
      'src/index.ts: refOf is declared in src/internal/ids.ts',
    ]);
  });

  it('follows re-exports and export * to a name declared in internal/', () => {
    const found = check({
      'index.ts': "export * from './public.js';\nexport { shown } from './shown.js';\n",
      'public.ts': "export { Outcome } from './deep/internal/outcome.js';\n",
      'deep/internal/outcome.ts': 'export type Outcome = { ok: boolean };\n',
      'shown.ts': 'export const shown = 1;\n',
    });
    expect(found).toEqual(['src/index.ts: Outcome is declared in src/deep/internal/outcome.ts']);
  });

  it('passes an entry whose names are declared outside internal/', () => {
    const found = check({
      'index.ts': "export { type Ref } from './refs.js';\n",
      'refs.ts':
        "import { helper } from './internal/helper.js';\nexport type Ref = { id: ReturnType<typeof helper> };\n",
      'internal/helper.ts': 'export const helper = (): string => "x";\n',
    });
    expect(found).toEqual([]);
  });
});
