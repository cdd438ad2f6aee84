// Lists every place a package's source turns text into a Date or a number by hand: `new Date(x)`,
// `Date.parse`, `Number(x)`, `parseInt`, `parseFloat` and unary `+x`. Server text must go through
// the strict readers instead (@ews/models' `dateTime`, `int`, `decimal`… or @ews/core's checks),
// which refuse `2026-04-31`, `0x10` or `1e3` with EWS_PROTOCOL instead of reading another value.
// The guard tests compare this list with a table of the conversions a package keeps on purpose
// (each with its reason), so a new hand-made conversion fails CI until someone looks at it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const GLOBAL_CONVERTERS = new Set(['Number', 'parseInt', 'parseFloat']);
const NUMBER_STATICS = new Set(['parseInt', 'parseFloat']);

/**
 * @param {string} sourceDir absolute path of a package's `src`
 * @returns {string[]} sorted `file: expression` entries (file relative to sourceDir, with `/`);
 *   test files (`*.test.ts`) are left out
 */
export function textConversionsIn(sourceDir) {
  const found = [];
  for (const file of sourceFiles(sourceDir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const name = relative(sourceDir, file).replaceAll('\\', '/');
    const visit = (node) => {
      if (isConversion(node)) found.push(`${name}: ${node.getText(source).replace(/\s+/g, ' ')}`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort();
}

function isConversion(node) {
  if (ts.isNewExpression(node)) {
    // `new Date()` (now) and `new Date(ms)` of a number literal are not conversions of text.
    return (
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Date' &&
      (node.arguments?.length ?? 0) > 0 &&
      !(node.arguments?.length === 1 && ts.isNumericLiteral(node.arguments[0]))
    );
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isIdentifier(callee)) return GLOBAL_CONVERTERS.has(callee.text);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const owner = callee.expression.text;
      const member = callee.name.text;
      return (owner === 'Date' && member === 'parse') || (owner === 'Number' && NUMBER_STATICS.has(member));
    }
    return false;
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.PlusToken) {
    return !ts.isNumericLiteral(node.operand);
  }
  return false;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
