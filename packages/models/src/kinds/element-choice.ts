import type { XmlFragment, XmlNode } from '@ews/core';
import { readModelElement, typesQname, writeModelElement } from '../codec/model-codec.js';
import { invalidArgument, protocolError } from '../errors.js';
import type { Model } from '../schema/define-model.js';
import type { WriteContext } from './kind.js';

/** One alternative of an xs:choice: the `type` tag a value carries, its element and field table. */
export interface ChoiceVariant {
  readonly type: string;
  readonly xmlName: string;
  readonly model: Model;
}

/**
 * An xs:choice between elements (the recurrence patterns, the transition kinds) as a table.
 * Values are tagged objects `{ type, ...fields }`; the tag picks the element, the model its fields.
 */
export interface ElementChoice<V extends { readonly type: string }> {
  readonly name: string;
  readonly variants: readonly ChoiceVariant[];
  accepts(value: unknown): value is V;
  /** The one element for `value`, e.g. `<t:DailyRecurrence><t:Interval>2</t:Interval></t:DailyRecurrence>`. */
  write(value: V, context: WriteContext, where: string): XmlFragment;
  /** Every child of `parent` that is one of the variants, in document order. */
  readAll(parent: XmlNode, where: string): V[];
  /** The single chosen child; throws when the parent has none. */
  readOne(parent: XmlNode, where: string): V;
}

export function elementChoice<V extends { readonly type: string }>(
  name: string,
  variants: readonly ChoiceVariant[],
): ElementChoice<V> {
  const byType = new Map(variants.map((variant) => [variant.type, variant]));
  const byXmlName = new Map(variants.map((variant) => [variant.xmlName, variant]));
  const readAll = (parent: XmlNode, where: string): V[] => {
    const out: V[] = [];
    for (const node of parent.children) {
      const xmlName = node.name;
      const variant = byXmlName.get(xmlName);
      if (variant === undefined) continue;
      const fields = readModelElement(variant.model, node, `${where}.${xmlName}`);
      out.push({ type: variant.type, ...fields } as unknown as V);
    }
    return out;
  };
  return Object.freeze({
    name,
    variants: Object.freeze([...variants]),
    accepts: (value: unknown): value is V =>
      typeof value === 'object' && value !== null && byType.has(String((value as { type?: unknown }).type)),
    write(value: V, context: WriteContext, where: string): XmlFragment {
      const variant = byType.get(value.type);
      if (variant === undefined) throw invalidArgument(`${where}: '${value.type}' is not a ${name}`);
      const { type: _type, ...fields } = value as Record<string, unknown>;
      return writeModelElement(variant.model, typesQname(variant.xmlName), fields, context, where);
    },
    readAll,
    readOne(parent: XmlNode, where: string): V {
      const [first] = readAll(parent, where);
      if (first === undefined) throw protocolError(`${where}: expected a ${name} element`);
      return first;
    },
  });
}
