import type { XmlFragment, XmlNode } from '@ews/core';
import { protocolError } from '../errors.js';
import type { Kind, ScalarKind, WriteContext } from '../kinds/kind.js';
import { fieldElement } from '../kinds/write-xml.js';

/** One attribute of a simple-content element: property name, XML name, scalar kind, required. */
export interface SimpleContentAttribute {
  readonly name: string;
  readonly xmlName: string;
  readonly kind: ScalarKind<unknown>;
  readonly required: boolean;
}

/**
 * An element whose content is text and whose details are attributes (xs:simpleContent):
 * `<t:Entry Key="BusinessPhone">+45 1234</t:Entry>`, `<t:InternetMessageHeader HeaderName="To">…`.
 * The value is `{ value, ...attributes }`.
 */
export function simpleContent<T extends { readonly value: string }>(
  name: string,
  attributes: readonly SimpleContentAttribute[],
): Kind<T> {
  return Object.freeze({
    name,
    list: false,
    accepts: (value: unknown): value is T => {
      if (typeof value !== 'object' || value === null) return false;
      const record = value as Record<string, unknown>;
      if (typeof record.value !== 'string') return false;
      const known = new Set(['value', ...attributes.map((a) => a.name)]);
      if (Object.keys(record).some((key) => !known.has(key) && record[key] !== undefined)) return false;
      return attributes.every((a) =>
        record[a.name] === undefined ? !a.required : a.kind.accepts(record[a.name]),
      );
    },
    writeElement(qname: string, value: T, _context: WriteContext, where: string): XmlFragment {
      const record = value as unknown as Record<string, unknown>;
      const attrs: Record<string, string> = {};
      for (const a of attributes) {
        const v = record[a.name];
        if (v !== undefined) attrs[a.xmlName] = a.kind.toText(v);
      }
      return fieldElement(where, qname, attrs, value.value);
    },
    readElement(node: XmlNode, where: string): T {
      const out: Record<string, unknown> = { value: node.text };
      for (const a of attributes) {
        const text = node.attributes[a.xmlName];
        if (text === undefined) {
          if (a.required) throw protocolError(`${where}: attribute ${a.xmlName} is missing`);
          continue;
        }
        out[a.name] = a.kind.fromText(text, `${where}@${a.xmlName}`);
      }
      return out as T;
    },
  });
}
