// Finds what a package's public entries export from `internal/` (issue 16: narrow doors). The
// entries are the ones each package.json's `exports` names (./dist/x/index.js is src/x/index.ts).
// Two ways in are refused: an export statement of the entry whose module path goes through an
// `internal/` folder, and an exported name (followed through every re-export and `export *`)
// declared in a file under the package's src/**/internal/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

const INTERNAL_PATH = /(^|\/)internal\//;

/** The src/ entry of each `exports` target of packages/<name>/package.json (types and package.json left out). */
export function packageEntries(packagesDir) {
  const entries = [];
  for (const name of readdirSync(packagesDir).sort()) {
    const manifest = join(packagesDir, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8'));
    const targets = new Set();
    const walk = (value) => {
      if (typeof value === 'string') targets.add(value);
      else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
    };
    walk(exports);
    for (const target of targets) {
      const match = /^\.\/dist\/(.+)\.(?:js|cjs|mjs)$/.exec(target);
      if (!match) continue;
      const source = join(packagesDir, name, 'src', `${match[1]}.ts`);
      if (existsSync(source)) entries.push(source);
    }
  }
  return [...new Set(entries)];
}

/**
 * `file: what` for every way an entry exposes `internal/`, sorted; empty when none does.
 * @param {string[]} entries absolute paths of src/.../index.ts files
 * @param {string} base paths in the answer are relative to it
 */
export function internalExportsOf(entries, base) {
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const found = new Set();
  const name = (file) => relative(base, file).split(sep).join('/');
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    if (!source) throw new Error(`cannot read ${entry}`);
    const srcDir = join(entry.slice(0, entry.lastIndexOf(`${sep}src${sep}`)), 'src');
    for (const statement of source.statements) {
      const from = ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
      if (from && ts.isStringLiteral(from) && INTERNAL_PATH.test(from.text)) {
        found.add(`${name(entry)}: exports from '${from.text}'`);
      }
    }
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of target.declarations ?? []) {
        const file = declaration.getSourceFile().fileName;
        const inSrc = relative(srcDir, file).split(sep).join('/');
        if (!inSrc.startsWith('..') && INTERNAL_PATH.test(inSrc)) {
          found.add(`${name(entry)}: ${exported.name} is declared in ${name(file)}`);
        }
      }
    }
  }
  return [...found].sort();
}
