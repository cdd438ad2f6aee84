#!/usr/bin/env node
// Rewrites a package's built declarations (dist/index.d.ts and dist/index.d.cts, as tsup wrote
// them) so that the types of the packages named with --bundle are declared inline instead of
// imported. An optional peer's types can so appear in the public API while an app without that
// peer still type-checks with `skipLibCheck: false`. tsup cannot do it: its declaration bundler
// marks every dependency and peer external before `dts.resolve` is asked, so the import stays.
// API Extractor's rollup does it (`bundledPackages`); every other package stays an import.
//
//   node ../../tools/bundle-declarations.mjs --bundle @ews/autodiscover [--dir dist]
//
// Run in the package's folder, after tsup; the bundled packages must resolve from there.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { EXTRACTOR_TSCONFIG } from './extractor-tsconfig.mjs';

const IMPORT = /^import \{ ([\w$]+(?: as [\w$]+)?) \} from '([^']+)';$/;
const EXPORT = /^export \{ ([\w$]+(?: as [\w$]+)?) \}$/;

/**
 * API Extractor writes one import line per name and one `export { name }` per name (three times
 * tsup's size for the client). Written back as tsup writes them: a name imported only to be
 * exported is re-exported from its module, the other imports are one statement per module.
 */
function compact(text) {
  const imports = new Map(); // local name -> [module, imported name]
  const exported = [];
  const rest = [];
  for (const line of text.split('\n')) {
    const imported = IMPORT.exec(line);
    const exportedName = EXPORT.exec(line);
    if (imported) {
      const [name, local = name] = imported[1].split(' as ');
      imports.set(local, [imported[2], name]);
    } else if (exportedName) {
      exported.push(exportedName[1]);
    } else {
      rest.push(line);
    }
  }
  const body = rest
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(/\n*export \{ \}$/, '');
  const used = new Set(body.match(/[\w$]+/g));
  const reexports = new Map(); // module -> specifiers
  const kept = new Map(); // module -> specifiers
  const local = [];
  const add = (map, from, specifier) => map.set(from, [...(map.get(from) ?? []), specifier]);
  for (const entry of exported) {
    const [name, as = name] = entry.split(' as ');
    const source = imports.get(name);
    if (source && !used.has(name)) {
      add(reexports, source[0], source[1] === as ? as : `${source[1]} as ${as}`);
      imports.delete(name);
    } else {
      local.push(entry);
    }
  }
  for (const [name, [from, imported]] of imports) {
    add(kept, from, imported === name ? name : `${imported} as ${name}`);
  }
  const statements = (map, keyword) =>
    [...map].map(([from, names]) => `${keyword} { ${names.join(', ')} } from '${from}';`).join('\n');
  return [
    statements(kept, 'import'),
    body,
    local.length > 0 ? `export { ${local.join(', ')} };` : 'export {};',
    statements(reexports, 'export'),
  ]
    .filter((part) => part !== '')
    .join('\n\n')
    .concat('\n');
}

const { values } = parseArgs({
  options: {
    bundle: { type: 'string', multiple: true },
    dir: { type: 'string', default: 'dist' },
  },
});
const bundled = values.bundle ?? [];
if (bundled.length === 0) throw new Error('bundle-declarations: name at least one --bundle package');

const projectFolder = process.cwd();
const dir = resolve(projectFolder, values.dir);
const temp = mkdtempSync(join(tmpdir(), 'ews-dts-'));
try {
  const rolled = join(temp, 'index.d.ts');
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder,
      newlineKind: 'lf',
      mainEntryPointFilePath: join(dir, 'index.d.ts'),
      bundledPackages: bundled,
      compiler: {
        overrideTsconfig: EXTRACTOR_TSCONFIG,
      },
      apiReport: { enabled: false },
      docModel: { enabled: false },
      dtsRollup: { enabled: true, untrimmedFilePath: rolled },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        extractorMessageReporting: {
          default: { logLevel: 'none' },
          'ae-wrong-input-file-type': { logLevel: 'error' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(projectFolder, 'api-extractor.json'),
    packageJsonFullPath: join(projectFolder, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: true, showVerboseMessages: false });
  if (!result.succeeded)
    throw new Error(`bundle-declarations: API Extractor failed (${result.errorCount} errors)`);
  const text = compact(readFileSync(rolled, 'utf8'));
  for (const name of bundled) {
    const escaped = name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`from ['"]${escaped}['"]|import\\(['"]${escaped}['"]\\)`).test(text)) {
      throw new Error(`bundle-declarations: the rolled declarations still import ${name}`);
    }
  }
  // tsup writes the same text to both; the .d.cts resolves the remaining imports as `require`.
  writeFileSync(join(dir, 'index.d.ts'), text);
  writeFileSync(join(dir, 'index.d.cts'), text);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
