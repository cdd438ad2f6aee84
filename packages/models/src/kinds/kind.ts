import type { XmlFragment, XmlNode } from '@ews/core';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import { fieldElement } from './write-xml.js';

/**
 * `create`: what a CreateItem body may carry (read-only fields are left out).
 * `full`: every field that has a value (e.g. a test server writing a GetItem response).
 */
export type WriteMode = 'create' | 'full';

export interface WriteContext {
  readonly version: ExchangeVersion;
  readonly mode: WriteMode;
}

/** The EWS types namespace prefix every written element carries (the envelope declares it). */
export const TYPES_PREFIX = 't:';

/**
 * How one kind of value travels on the wire. `where` is a path such as `CalendarItem.Start`
 * used in error messages; values themselves never go into messages.
 */
export interface Kind<T> {
  readonly name: string;
  /** True when the value is a list (the element holds one child per entry). */
  readonly list: boolean;
  /** Runtime check of a caller's value before it is written. */
  accepts(value: unknown): value is T;
  /** One complete element, `<qname …>…</qname>`, built with @ews/core's `el()`. */
  writeElement(qname: string, value: T, context: WriteContext, where: string): XmlFragment;
  readElement(node: XmlNode, where: string): T;
}

/** A kind whose value is a single text token, so it can also be an XML attribute. */
export interface ScalarKind<T> extends Kind<T> {
  readonly scalar: true;
  toText(value: T): string;
  fromText(text: string, where: string): T;
}

/** The TypeScript value type of a kind. */
export type KindValue<K> = K extends Kind<infer T> ? T : never;

export interface ScalarSpec<T> {
  readonly name: string;
  accepts(value: unknown): value is T;
  toText(value: T): string;
  fromText(text: string, where: string): T;
}

export function scalarKind<T>(spec: ScalarSpec<T>): ScalarKind<T> {
  return Object.freeze({
    name: spec.name,
    list: false,
    scalar: true as const,
    accepts: spec.accepts,
    toText: spec.toText,
    fromText: spec.fromText,
    writeElement(qname: string, value: T, _context: WriteContext, where: string): XmlFragment {
      return fieldElement(where, qname, {}, spec.toText(value));
    },
    readElement(node: XmlNode, where: string): T {
      return spec.fromText(node.text, where);
    },
  });
}

export function isScalarKind(kind: Kind<unknown>): kind is ScalarKind<unknown> {
  return (kind as Partial<ScalarKind<unknown>>).scalar === true;
}
