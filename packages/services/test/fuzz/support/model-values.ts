// Valid property values drawn from the models' field tables: each field's kind says what its
// values are (text of any XML character, an enum's choices, a date, a body…). Items made of
// them are created on the test server, so the answers the fuzz cases start from carry them.

import type { FieldDef, InferModel, Model } from '@ews/models';
import { validText } from '@ews-tools/fuzz';
import fc from 'fast-check';

/** Instants with whole seconds (Exchange keeps no milliseconds) between 1990 and 2090. */
const instant = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

function arbitraryForKind(field: FieldDef): fc.Arbitrary<unknown> | undefined {
  const kind = field.kind as FieldDef['kind'] & { readonly choices?: readonly string[] };
  if (kind.name === 'text') return validText({ maxLength: 30 });
  if (kind.name.startsWith('enum:') && kind.choices) return fc.constantFrom(...kind.choices);
  if (kind.name === 'boolean') return fc.boolean();
  if (kind.name === 'int') return fc.integer({ min: 0, max: 100_000 });
  if (kind.name === 'dateTime') return instant;
  if (kind.name === 'body')
    return fc.record({
      bodyType: fc.constantFrom('Text' as const, 'HTML' as const),
      value: validText({ maxLength: 60 }),
    });
  if (kind.name === 'list<text>')
    return fc.uniqueArray(validText({ maxLength: 20 }), { minLength: 1, maxLength: 3 });
  return undefined;
}

/**
 * An arbitrary of `model` values setting the named fields, each drawn from its kind; the
 * fields must be writable and of a kind listed above (a test asking for another fails loudly).
 */
export function modelValues<M extends Model>(
  model: M,
  fields: readonly string[],
): fc.Arbitrary<InferModel<M>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of fields) {
    const field = model.byName.get(name);
    if (field === undefined) throw new Error(`${model.name} has no field ${name}`);
    if (field.flags.readOnly) throw new Error(`${model.name}.${name} is read-only`);
    const arbitrary = arbitraryForKind(field);
    if (arbitrary === undefined) throw new Error(`no values for ${model.name}.${name} (${field.kind.name})`);
    record[name] = arbitrary;
  }
  return fc.record(record) as unknown as fc.Arbitrary<InferModel<M>>;
}

/** `count` values, the same on every run (fast-check's sample with a fixed seed). */
export function sampleValues<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
