// Lists every place a package's source writes XML by hand: a string or template literal holding a
// tag opener (`<t:Subject`, `</m:Restriction`, `</Name`), a self-closing end (`/>`), or a `<` / `</`
// right before a `${…}` or at the end of a string (`<${qname}>`, `'<' + name`). Requests are built
// with @ews/core's `el()`/`fragments()`, which escape every value and check every name; a hand-made
// string bypasses both. The guard tests fail naming `file:line` for each hit.
//
// Exempt, precisely: literals that are (part of) an argument of an error or log call — `new
// Ews…Error(…)`, `invalidArgument(…)`, `protocolError(…)`, `console.warn(…)` and the like — since
// those only mention element names in a message and never reach the wire.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

// `<t:Name`, `</m:Name`, `<s:Envelope`: a prefixed start or end tag.
const PREFIXED_TAG = /<\/?[A-Za-z_][\w.-]*:[A-Za-z_]/;
// `</Name`: an end tag without a prefix.
const END_TAG = /<\/[A-Za-z_]/;
// `/>`: the end of an empty-element tag.
const EMPTY_END = /\/>/;
// `<` or `</` with the name still to come (`<${qname}`, `'<' + name`); not `list<${T}>`, a type name.
const OPEN_BEFORE_NAME = /(?:^|[^\w])<\/?$/;

// Calls whose arguments are messages, not XML: errors and logs.
const MESSAGE_CALLEE =
  /(?:Error|^invalidArgument|^protocolError|^fail|^log|^warn|^debug|^info|^error|^trace)$/;

/** True when a piece of literal text writes markup; `nameFollows`: a `${…}` or `+ …` comes next. */
function writesMarkup(text, nameFollows) {
  return (
    PREFIXED_TAG.test(text) ||
    END_TAG.test(text) ||
    EMPTY_END.test(text) ||
    (nameFollows && OPEN_BEFORE_NAME.test(text))
  );
}

// `'<' + name`: the literal is the left operand of a concatenation (`'<'` alone is a character).
function concatenatedBefore(node) {
  const parent = node.parent;
  return (
    parent !== undefined &&
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.PlusToken
  );
}

function literalWritesMarkup(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return writesMarkup(node.text, concatenatedBefore(node));
  if (ts.isTemplateExpression(node)) {
    const last = node.templateSpans.length - 1;
    return (
      writesMarkup(node.head.text, true) ||
      node.templateSpans.some((span, index) =>
        writesMarkup(span.literal.text, index < last || concatenatedBefore(node)),
      )
    );
  }
  return false;
}

function calleeName(call) {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** Whether the literal is inside the arguments of an error or log call. */
function inMessage(node) {
  for (let current = node; current.parent !== undefined; current = current.parent) {
    const parent = current.parent;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if ((parent.arguments ?? []).includes(current) && MESSAGE_CALLEE.test(calleeName(parent))) return true;
    }
    if (ts.isStatement(parent) || ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

// Type positions (`type T = '<t:x>'`) never write anything.
function inType(node) {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (ts.isTypeNode(current)) return true;
    if (ts.isStatement(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

/**
 * @param {string} sourceDir absolute path of a package's `src`
 * @returns {string[]} sorted `file:line: literal` entries (file relative to sourceDir, with `/`);
 *   test files (`*.test.ts`) are left out
 */
export function templateXmlIn(sourceDir) {
  const found = [];
  for (const file of sourceFiles(sourceDir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const name = relative(sourceDir, file).replaceAll('\\', '/');
    const visit = (node) => {
      if (literalWritesMarkup(node) && !inMessage(node) && !inType(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        const snippet = node.getText(source).replace(/\s+/g, ' ');
        found.push(`${name}:${line + 1}: ${snippet.length > 100 ? `${snippet.slice(0, 97)}...` : snippet}`);
        return; // a template's own spans are reported once, with it
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
