import { invalidArgument } from '../errors.js';
import type { KindValue } from '../kinds/kind.js';
import type { FieldDef } from './field-def.js';

/** An ordered, frozen field table. Table order is wire order. */
export interface Model<N extends string = string, F extends readonly FieldDef[] = readonly FieldDef[]> {
  readonly name: N;
  /** The element name, e.g. `CalendarItem`. */
  readonly xmlName: string;
  /** Base fields first, then the model's own, in schema order. */
  readonly fields: F;
  readonly base: Model | undefined;
  /** Field by TypeScript name. */
  readonly byName: ReadonlyMap<string, FieldDef>;
  /** Child-element fields by element name (what the reader looks up per element). */
  readonly byXmlName: ReadonlyMap<string, FieldDef>;
  /** Attribute fields, in table order. */
  readonly attributes: readonly FieldDef[];
}

type AnyModel = Model<string, readonly FieldDef[]>;

/** The names of a model's fields, as a union of literals. */
export type FieldName<M extends AnyModel> = M['fields'][number]['name'];

/** The value object a model describes; every property is optional (absent = not set / not returned). */
export type InferModel<M extends AnyModel> = {
  [F in M['fields'][number] as F['name']]?: KindValue<F['kind']>;
};

type Joined<B, F extends readonly FieldDef[]> =
  B extends Model<string, infer BF> ? readonly [...BF, ...F] : F;

export interface ModelSpec<N extends string, F extends readonly FieldDef[], B extends AnyModel | undefined> {
  readonly name: N;
  readonly xmlName: string;
  readonly fields: F;
  readonly base?: B;
}

export function defineModel<
  const N extends string,
  const F extends readonly FieldDef[],
  B extends AnyModel | undefined = undefined,
>(spec: ModelSpec<N, F, B>): Model<N, Joined<B, F>> {
  const fields = Object.freeze([...(spec.base?.fields ?? []), ...spec.fields]);
  const byName = new Map<string, FieldDef>();
  const byXmlName = new Map<string, FieldDef>();
  for (const def of fields) {
    if (byName.has(def.name))
      throw invalidArgument(`model ${spec.name}: field ${def.name} is declared twice`);
    byName.set(def.name, def);
    if (!def.flags.attribute) {
      if (byXmlName.has(def.xmlName))
        throw invalidArgument(`model ${spec.name}: element ${def.xmlName} twice`);
      byXmlName.set(def.xmlName, def);
    }
  }
  return Object.freeze({
    name: spec.name,
    xmlName: spec.xmlName,
    fields: fields as unknown as Joined<B, F>,
    base: spec.base,
    byName,
    byXmlName,
    attributes: Object.freeze(fields.filter((def) => def.flags.attribute)),
  });
}
