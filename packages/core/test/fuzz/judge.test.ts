import {
  FORBIDDEN_RAW_CHARACTERS,
  FORBIDDEN_REFERENCES,
  type FuzzAnswer,
  isVisiblyBounded,
  judge,
  MUTATIONS,
  mapXml,
  type PlainValue,
  plain,
} from '@ews-tools/fuzz';
import { describe, expect, it } from 'vitest';
import { EwsError, EwsInvalidArgumentError, EwsProtocolError } from '../../src/index.js';
import { boundedServerText } from '../../src/soap/server-text.js';

// The judge's two rulings of issue 12's second fuzz round (tools/fuzz): where a property asked
// for more than the spec does, the property changed, not the reader.

describe('expect tier: a huge substituted text may come back visibly bounded', () => {
  const huge = 'Ω€x'.repeat(6000);
  const value = (text: string): PlainValue => ({ messageXml: { LineNumber: text } });

  it("accepts core's bound of a server text (its first characters and the exact count left out)", () => {
    const bounded = boundedServerText(huge);
    expect(bounded).not.toBe(huge);
    expect(isVisiblyBounded(huge, bounded)).toBe(true);
    expect(
      judge({
        tier: 'expect',
        baseline: value('x'),
        expected: value(huge),
        outcome: { kind: 'value', value: value(bounded) },
      }).ok,
    ).toBe(true);
  });

  it('still fails a cut that is silent, miscounted, too short, or of another text', () => {
    const cut = huge.slice(0, 2000);
    for (const actual of [
      cut,
      `${cut}…(${huge.length - 2000 + 1} more characters)`,
      `${huge.slice(0, 50)}…(${huge.length - 50} more characters)`,
      `${'y'.repeat(2000)}…(${huge.length - 2000} more characters)`,
    ]) {
      expect(isVisiblyBounded(huge, actual)).toBe(false);
      expect(
        judge({
          tier: 'expect',
          baseline: value('x'),
          expected: value(huge),
          outcome: { kind: 'value', value: value(actual) },
        }).ok,
      ).toBe(false);
    }
    // Only the expect tier takes a bound: where the valid answer is the baseline, a cut is a change.
    expect(
      judge({
        tier: 'no-wrong',
        baseline: value(huge),
        outcome: { kind: 'value', value: value(boundedServerText(huge)) },
      }).ok,
    ).toBe(false);
  });
});

describe('namespaceSwappedField: where the schema takes any namespace the result is a valid answer', () => {
  const xml =
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><h:Info xmlns:h="urn:h"/></s:Header><s:Body>' +
    '<m:R xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    '<m:MessageXml><t:Value Name="A">1</t:Value></m:MessageXml><t:Subject>s</t:Subject></m:R>' +
    '<s:Fault><detail><e:Code xmlns:e="urn:e"><e:Inner/></e:Code></detail></s:Fault></s:Body></s:Envelope>';
  const answer: FuzzAnswer = { map: mapXml(xml), bytesFed: false };
  const tierOf = (local: string): string => {
    const swap = MUTATIONS.namespaceSwappedField;
    for (let pick = 0; pick < swap.count(answer); pick++) {
      const mutated = swap.apply(answer, pick, 0, {});
      if (mutated.note.startsWith(`<${local}>`) || mutated.note.includes(`:${local}>`))
        return mutated.tier ?? swap.tier;
    }
    throw new Error(`no target ${local}`);
  };

  it('is only held to "safe" in xs:any content: MessageXml, the SOAP Header, a fault detail', () => {
    expect(tierOf('Value')).toBe('safe');
    expect(tierOf('Info')).toBe('safe');
    expect(tierOf('Inner')).toBe('safe');
    expect(tierOf('Subject')).toBe('no-wrong');
  });
});

describe('nestedDeep in xs:any content, and an unterminated reference', () => {
  const xml =
    '<m:R xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    '<m:MessageXml><t:Value Name="A">1</t:Value></m:MessageXml><t:Subject>a&amp;amp;b</t:Subject></m:R>';
  const answer: FuzzAnswer = { map: mapXml(xml), bytesFed: false };

  it('holds a nest of our own elements in MessageXml to "safe", a foreign nest and any other place to no-wrong', () => {
    const nest = MUTATIONS.nestedDeep;
    const tiers = new Map<string, string>();
    for (let pick = 0; pick < nest.count(answer); pick++) {
      for (let n1 = 0; n1 < 3; n1++) {
        const mutated = nest.apply(answer, pick, 0, { n1 });
        tiers.set(mutated.note, mutated.tier ?? nest.tier);
      }
    }
    expect(tiers.get('64 <d> levels inside <m:MessageXml>')).toBe('safe');
    expect(tiers.get('64 <m:MessageXml> levels inside <m:MessageXml>')).toBe('safe');
    expect(tiers.get('64 <fz:d> levels inside <m:MessageXml>')).toBe('no-wrong');
    expect(tiers.get('64 <d> levels inside <t:Subject>')).toBe('no-wrong');
  });

  it('never inserts `&amp` where a `;` follows (that would be a valid reference)', () => {
    const variant = FORBIDDEN_RAW_CHARACTERS.length + FORBIDDEN_REFERENCES.indexOf('&amp');
    const broken = MUTATIONS.forbiddenCharacter;
    for (let pick = 0; pick < broken.count(answer); pick++) {
      for (let n1 = 0; n1 < 16; n1++) {
        const mutated = broken.apply(answer, pick, variant, { n1 });
        expect(mutated.text).toMatch(/&amp(?!;)/);
      }
    }
  });
});

describe('entries labelled with what they answer ({ address, ok, value | error })', () => {
  const codeOf = (error: unknown) => (error instanceof EwsError ? error.code : undefined);
  const entry = (address: string, value: unknown) => ({ address, ok: true, value });
  const refused = (address: string, error: Error) => ({ address, ok: false, error });
  const baseline = plain([entry('a@x', { busy: 1 }), entry('b@x', { busy: 2 })], codeOf);
  const verdict = (actual: unknown) =>
    judge({ tier: 'no-wrong-protocol', baseline, outcome: { kind: 'value', value: plain(actual, codeOf) } });

  it('reads a refused entry as a refusal, whatever labels it carries', () => {
    const actual = [entry('a@x', { busy: 1 }), refused('b@x', new EwsProtocolError('broken'))];
    expect(verdict(actual)).toEqual({ ok: true, reason: '' });
  });

  it('still fails a refusal with another code, a changed value and a changed label', () => {
    expect(verdict([entry('a@x', { busy: 1 }), refused('b@x', new EwsInvalidArgumentError('x'))]).ok).toBe(
      false,
    );
    expect(verdict([entry('a@x', { busy: 1 }), entry('b@x', { busy: 3 })]).ok).toBe(false);
    expect(verdict([entry('a@x', { busy: 1 }), refused('c@x', new EwsProtocolError('broken'))]).ok).toBe(
      false,
    );
    expect(verdict([entry('a@x', { busy: 1 }), refused('b@x', new Error('plain'))]).ok).toBe(false);
  });
});
