// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript source the rule is tested on
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Issue 16: every request element services sends is built with core's `el()`/`fragments()`, so
// no plain string reaches the wire unescaped. This test keeps it so: it parses every file of
// src/ with the TypeScript compiler and fails, naming file:line, on
//   1. a string literal, template literal or template with substitutions whose text opens or
//      closes a tag: a prefixed name (`<m:`, `<t:`, `<soap:`…), `</`, or `<` right before `${`;
//   2. a call of core's `raw(…)` (which trusts its string) anywhere but internal/xml.ts, where the
//      one adapter for XML that @ews/models writes and the streamed-body slot live.
// Not request XML, so not counted (the rule is syntactic, to stay precise):
//   - a literal whose nearest enclosing call is an error constructor or helper (callee name ends
//     in `Error`/`error`, or is `fail`/`protocol`, the local helpers that make an EwsProtocolError:
//     `new EwsProtocolError(…)`, `protocolError(…)`, `fail(…)`): messages naming elements;
//   - a literal in a statement whose leading comment says `xml-guard: message text` (a message
//     put together before it reaches its error), so each such place is marked where it is;
//   - a literal whose nearest enclosing call is `new RegExp(…)` or a text search
//     (`startsWith`, `endsWith`, `indexOf`, `lastIndexOf`, `includes`): readers looking for tags;
//   - comments (they are not literals).

const SRC = fileURLToPath(new URL('../src', import.meta.url));

const TAG_OPENER = /<[A-Za-z_][\w.-]*:(?:[A-Za-z_]|$)|<\//;
const MESSAGE_CALLEE = /[Ee]rror$|^(?:fail|protocol)$/;
const MESSAGE_MARK = 'xml-guard: message text';
const SEARCHES = new Set(['RegExp', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'includes']);
/** Files allowed to call `raw`: the model adapter and the streamed-body slot. */
const RAW_ALLOWED = new Set(['internal/xml.ts']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The literal text of a string-bearing node, with `${}` where a substitution goes. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `\${}${span.literal.text}`).join('');
  }
  return undefined;
}

function writesTag(text: string): boolean {
  return TAG_OPENER.test(text) || text.includes('<${}');
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function marked(statement: ts.Node): boolean {
  const text = statement.getSourceFile().getFullText();
  return (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).some((range) =>
    text.slice(range.pos, range.end).includes(MESSAGE_MARK),
  );
}

/** True when the nearest call this literal is (part of) an argument of is a message or a search. */
function exempt(node: ts.Node): boolean {
  for (let up: ts.Node | undefined = node; up !== undefined; up = up.parent) {
    if (ts.isStatement(up) && marked(up)) return true;
  }
  let current: ts.Node = node;
  while (current.parent !== undefined) {
    const parent: ts.Node = current.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== current) {
      const name = calleeName(parent);
      if (name === undefined) return false;
      return MESSAGE_CALLEE.test(name) || SEARCHES.has(name);
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) return false;
    current = parent;
  }
  return false;
}

export interface Finding {
  readonly where: string;
  readonly what: string;
}

/** Every breach of the two rules in one file's text (exported for the test of the rule itself). */
export function findTemplateXml(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const at = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const literal = literalText(node);
    if (literal !== undefined) {
      if (writesTag(literal) && !exempt(node)) findings.push({ where: at(node), what: literal.slice(0, 80) });
      // A template's spans are visited for nested templates only.
      if (!ts.isTemplateExpression(node)) return;
    }
    if (ts.isCallExpression(node) && calleeName(node) === 'raw' && !RAW_ALLOWED.has(file)) {
      findings.push({ where: at(node), what: 'raw(…) outside internal/xml.ts' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('request XML in services is built with el()/fragments(), never from strings', () => {
  it('finds no template-string XML and no raw() outside internal/xml.ts in src/', () => {
    const findings = sourceFiles(SRC).flatMap((path) =>
      findTemplateXml(relative(SRC, path).split('\\').join('/'), readFileSync(path, 'utf8')),
    );
    expect(findings.map((f) => `${f.where}: ${f.what}`)).toEqual([]);
  });

  it('the rule catches each way of writing a tag by hand and spares messages and searches', () => {
    const caught = (code: string) => findTemplateXml('x.ts', code).map((f) => f.what);
    expect(caught('const a = `<m:GetItem>${x}</m:GetItem>`;')).toHaveLength(1);
    expect(caught("const a = '<t:BaseShape>IdOnly</t:BaseShape>';")).toHaveLength(1);
    expect(caught("const a = '<m:' + op + '>';")).toHaveLength(1);
    expect(caught('const a = `<${name}>${v}`;')).toHaveLength(1);
    expect(caught("const a = '</' + name + '>';")).toHaveLength(1);
    expect(caught('f(`<soap:Body>${b}</soap:Body>`);')).toHaveLength(1);
    expect(caught('const a = raw(x);')).toEqual(['raw(…) outside internal/xml.ts']);
    expect(findTemplateXml('internal/xml.ts', 'const a = raw(x);')).toEqual([]);
    expect(caught('throw new EwsProtocolError(`${op}: <${n}> has no <${c}>`, { op });')).toEqual([]);
    expect(caught('throw protocolError(`no </m:Items> in ${op}`);')).toEqual([]);
    expect(caught('const f = fail(`holds a <${n}>`);')).toEqual([]);
    expect(caught('// xml-guard: message text\nconst found = `<${n}>`;')).toEqual([]);
    expect(caught('// xml-guard: message text\nconst found = list.map((n) => `<${n}>`).join();')).toEqual([]);
    expect(caught('// another comment\nconst found = `<${n}>`;')).toHaveLength(1);
    expect(caught("if (text.startsWith('</', pos)) {}")).toEqual([]);
    expect(caught('const r = new RegExp(`</(?:x:)?${tag}\\s*>`);')).toEqual([]);
    expect(caught('// <m:GetItem> in a comment\n/** `<t:Content>` */ const a = 1;')).toEqual([]);
    // An error call does not excuse XML built elsewhere in the same statement.
    expect(caught('send(`<m:X>${a}</m:X>`, new EwsProtocolError("y"));')).toHaveLength(1);
  });
});
