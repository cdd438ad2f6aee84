import type { Body } from '../kinds/body.js';
import type { KindValue } from '../kinds/kind.js';
import type { PlainDate } from '../kinds/plain-date.js';
import type { MapiScalarType, MapiValueTypes } from '../properties/mapi-types.js';
import type { Model } from '../schema/define-model.js';
import type { ConstantValue } from './constant-value.js';
import type { FilterNode } from './filter-node.js';
import type { ExtendedFieldPath, MapiPropertyType, PropertyPath } from './property-path.js';

/** The element value of a MAPI type (`LongArray` compares one bigint). */
type MapiElementValue<T extends MapiPropertyType> = T extends `${infer S extends MapiScalarType}Array`
  ? MapiValueTypes[S]
  : T extends MapiScalarType
    ? MapiValueTypes[T]
    : never;

type ElementOf<T> = T extends readonly (infer E)[] ? E : T;

/** The value a filter compares a field with: the field's value, a list's element, a body's text. */
type FilterValueOf<T> = T extends Body
  ? string
  : ElementOf<T> extends string | number | boolean | Date | PlainDate
    ? ElementOf<T>
    : never;

type FieldsOf<M extends Model> = M['fields'][number];

/** Field name → filter value type, for the fields of M that a restriction can compare. */
export type FilterableFields<M extends Model> = {
  [F in FieldsOf<M> as [FilterValueOf<KindValue<F['kind']>>] extends [never]
    ? never
    : F['name']]: FilterValueOf<KindValue<F['kind']>>;
};

export type FilterableName<M extends Model> = keyof FilterableFields<M> & string;

/** Fields whose filter value is text: the only ones `contains`/`startsWith`/`exact` accept. */
export type TextFieldName<M extends Model> = {
  [N in FilterableName<M>]: FilterableFields<M>[N] extends string ? N : never;
}[FilterableName<M>];

/** Fields whose value is a list (`categories`): the ones `hasAll` accepts. */
export type ListFieldName<M extends Model> = {
  [F in FieldsOf<M> as KindValue<F['kind']> extends readonly unknown[] ? F['name'] : never]: true;
} extends infer R
  ? keyof R & FilterableName<M>
  : never;

/** A field of M, or an indexed / extended property. */
export type FieldRef<M extends Model> = FilterableName<M> | PropertyPath;

/** The value type for a field reference. */
export type ValueFor<M extends Model, F> =
  F extends ExtendedFieldPath<infer T>
    ? MapiElementValue<T>
    : F extends PropertyPath
      ? ConstantValue
      : F extends FilterableName<M>
        ? FilterableFields<M>[F]
        : never;

/** A filter over model M. Combine filters with the same builder; serialize with `restrictionXml`. */
export interface Filter<M extends Model = Model> {
  readonly node: FilterNode;
  /** Type-level only, never set: keeps filters of different models apart. */
  readonly __model?: M;
}
