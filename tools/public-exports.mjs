// The exported symbols of a package's entry, read with the TypeScript checker. Shared by the
// checks that walk a package's public API (tools/call-options.mjs, tools/numeric-options.mjs).
import ts from 'typescript';

/**
 * @param {string} entry absolute path of the package's `src/index.ts`
 * @returns {{ checker: ts.TypeChecker, exports: ts.Symbol[] }}
 */
export function publicExportsOf(entry) {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return { checker, exports: checker.getExportsOfModule(moduleSymbol) };
}
