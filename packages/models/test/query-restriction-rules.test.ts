import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { type Filter, filterFor, MessageModel, queryStringXml, restrictionXml } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

// The rule sections of restriction.json (the generated and verbatim restrictions are in
// query-restriction-vectors.test.ts): each rule is checked here, or listed with the reason it
// does not apply to a typed TypeScript API.
interface RuleFile {
  expr_strings: { cases: { q: unknown; expr: string | null }[] };
  inversion: { op_on_not: Record<string, string>; other_ops: string };
  never_semantics: { rules: string[] };
  validation: { rules: string[] };
}
const file = loadVectors('restriction') as RuleFile;
const version = 'Exchange2016';
const q = filterFor(MessageModel);

function xml(filter: Filter<typeof MessageModel>): string {
  const result = restrictionXml(filter, { version });
  if (result.matches !== 'some') throw new Error(`matches ${result.matches}`);
  return result.xml.xml;
}

const ELEMENT_BY_OP: Readonly<Record<string, string>> = {
  '==': 'IsEqualTo',
  '!=': 'IsNotEqualTo',
  '<': 'IsLessThan',
  '<=': 'IsLessThanOrEqualTo',
  '>': 'IsGreaterThan',
  '>=': 'IsGreaterThanOrEqualTo',
};
const BUILD_BY_OP: Readonly<Record<string, (n: number) => Filter<typeof MessageModel>>> = {
  '==': (n) => q.eq('size', n),
  '!=': (n) => q.ne('size', n),
  '<': (n) => q.lt('size', n),
  '<=': (n) => q.lte('size', n),
  '>': (n) => q.gt('size', n),
  '>=': (n) => q.gte('size', n),
};

describe('restriction.json: inversion', () => {
  it.each(Object.entries(file.inversion.op_on_not))('not(%s) is written as %s', (op, inverse) => {
    const written = xml(q.not(BUILD_BY_OP[op]!(10)));
    expect(written).toContain(`<t:${ELEMENT_BY_OP[inverse]}>`);
    expect(written).not.toContain('<t:Not>');
  });

  it('other lookups are wrapped in t:Not, and a double negation is the filter itself', () => {
    expect(file.inversion.other_ops).toContain('wrapped in t:Not');
    for (const filter of [
      q.icontains('subject', 'a'),
      q.exact('subject', 'a'),
      q.startsWith('subject', 'a'),
      q.exists('subject'),
    ]) {
      expect(xml(q.not(filter))).toBe(
        xml(filter)
          .replace('<m:Restriction>', '<m:Restriction><t:Not>')
          .replace('</m:Restriction>', '</t:Not></m:Restriction>'),
      );
      expect(xml(q.not(q.not(filter)))).toBe(xml(filter));
    }
  });
});

describe('restriction.json: never semantics', () => {
  const [inEmpty, notNever, andNever, orDrops, notSerializable] = file.never_semantics.rules;
  it(inEmpty!, () => expect(restrictionXml(q.in('subject', []), { version }).matches).toBe('none'));
  it(notNever!, () => expect(restrictionXml(q.not(q.none()), { version }).matches).toBe('all'));
  it(andNever!, () =>
    expect(restrictionXml(q.and(q.eq('subject', 'x'), q.none()), { version }).matches).toBe('none'),
  );
  it(orDrops!, () => expect(xml(q.or(q.eq('subject', 'x'), q.none()))).toBe(xml(q.eq('subject', 'x'))));
  // Ours returns { matches: 'none' } instead of raising: the caller sends no request.
  it(`${notSerializable!} — here: matches 'none', no XML`, () =>
    expect(restrictionXml(q.none(), { version })).toEqual({ matches: 'none' }));
  it('has the five rules', () => expect(file.never_semantics.rules).toHaveLength(5));
});

describe('restriction.json: validation', () => {
  const rules = file.validation.rules;
  it('has the seven rules', () => expect(rules).toHaveLength(7));
  it(`${rules[0]} — range takes exactly two bounds (a compile error otherwise); an invalid bound is refused`, () => {
    expect(errorCodeOf(() => restrictionXml(q.range('size', 1, 'x' as never), { version }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
  it(`${rules[1]}`, () => {
    expect(errorCodeOf(() => restrictionXml(q.eq('subject', {} as never), { version }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
  it(`${rules[2]} — not applicable: a Date is an instant, so it is never naive`, () => {
    expect(xml(q.gte('dateTimeReceived', new Date('2024-01-01T00:00:00+02:00')))).toContain(
      '2023-12-31T22:00:00Z',
    );
  });
  it(`${rules[3]}`, () => {
    expect(errorCodeOf(() => restrictionXml(q.in('categories', [['a']] as never), { version }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
  it(`${rules[4]}`, () => {
    expect(errorCodeOf(() => restrictionXml(q.eq('subject', null as never), { version }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
  it(`${rules[5]} — a query string is its own element (queryStringXml), so it cannot be mixed in`, () => {
    expect(queryStringXml('subject:x', { version }).xml).toContain('<m:QueryString');
    expect(errorCodeOf(() => filterFor(MessageModel).and(5 as never))).toBe('EWS_INVALID_ARGUMENT');
  });
  it(`${rules[6]} — here: an empty filter matches 'all' and no Restriction is written`, () => {
    expect(restrictionXml(q.all(), { version })).toEqual({ matches: 'all' });
  });
});

describe('restriction.json: expr_strings', () => {
  // exchangelib's Q.expr() is a debugging repr over free field names (x, y, …); there is no
  // such printer here and the fields are not model fields, so these cases do not apply.
  it('lists the inapplicable cases with the reason', () => {
    expect(file.expr_strings.cases).toHaveLength(5);
  });
});
