import {
  indexedProperty,
  kindHas,
  type SchemaIndexedProperty,
  schemaProperty,
} from '../schema/item-properties.js';
import { isTyped } from '../schema/typed-properties.js';
import type { StoredItem } from '../store/item-model.js';
import type { XmlElement } from '../xml/xml-tree.js';
import type { ItemUpdater } from './item-updaters.js';
import { checkValue, refuseReadOnly } from './kept-properties.js';
import { ResponseError } from './operation-context.js';

/** List properties AppendToItemField extends (Microsoft's UpdateItem reference lists the appendable ones). */
const APPENDABLE = new Set(['message:ReplyTo', 'distributionlist:Members']);

function bagOf(item: StoredItem): Record<string, XmlElement> {
  item.properties ??= {};
  return item.properties;
}

/**
 * UpdateItem on a property the item keeps as sent: Set replaces the element, Delete removes it, Append
 * adds entries to a list property. Read-only properties, typed ones without a hand-written updater and
 * properties the item's type does not have are ErrorInvalidPropertySet.
 */
export function keptUpdater(uri: string, item: StoredItem): ItemUpdater {
  const property = schemaProperty(uri);
  if (property === undefined || !kindHas(property, item.kind)) {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `An item of type ${item.kind} has no property ${uri}.`,
    );
  }
  refuseReadOnly(property);
  if (isTyped(property.uri, item.kind)) {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `The property ${uri} cannot be updated on this server.`,
    );
  }
  const key = property.uri;
  return {
    uri: key,
    xml: property.element,
    apply: (target, value) => {
      if (value === undefined) delete bagOf(target)[key];
      else {
        checkValue(property, value);
        bagOf(target)[key] = value;
      }
    },
    ...(APPENDABLE.has(key)
      ? {
          append: (target: StoredItem, value: XmlElement) => {
            const bag = bagOf(target);
            const before = bag[key];
            bag[key] =
              before === undefined ? value : { ...before, children: [...before.children, ...value.children] };
          },
        }
      : {}),
  };
}

/** PhysicalAddress entries keep their children in schema order. */
const ADDRESS_ORDER = ['Street', 'City', 'State', 'CountryOrRegion', 'PostalCode'];

function entryKey(entry: XmlElement, spec: SchemaIndexedProperty): string | undefined {
  return entry.attrs[spec.key];
}

/**
 * UpdateItem on one entry of a dictionary (IndexedFieldURI: contacts:EmailAddress with FieldIndex
 * EmailAddress1, contacts:PhysicalAddress:City with FieldIndex Business, ...): Set merges the entry
 * into the kept dictionary, Delete removes it (or one part of a physical address).
 */
export function indexedUpdater(path: XmlElement, item: StoredItem): ItemUpdater {
  const uri = path.attrs.FieldURI ?? '';
  const spec = indexedProperty(uri);
  const index = path.attrs.FieldIndex ?? '';
  if (spec === undefined || !spec.kinds.includes(item.kind)) {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `An item of type ${item.kind} has no property ${uri}.`,
    );
  }
  const dictionary = schemaProperty(`${uri.split(':')[0]}:${spec.element}`);
  const dictionaryUri = dictionary?.uri;
  if (dictionaryUri === undefined) {
    throw new ResponseError(
      'ErrorInvalidPropertySet',
      `The property ${uri} cannot be updated on this server.`,
    );
  }
  if (dictionary !== undefined) refuseReadOnly(dictionary);
  const current = (target: StoredItem): XmlElement[] => [
    ...(target.properties?.[dictionaryUri]?.children ?? typedEntries(target, spec)),
  ];
  const store = (target: StoredItem, entries: XmlElement[]) => {
    const bag = bagOf(target);
    if (entries.length === 0) delete bag[dictionaryUri];
    else bag[dictionaryUri] = { name: spec.element, attrs: {}, text: '', children: entries };
  };
  return {
    uri,
    xml: spec.element,
    apply: (target, value) => {
      const entries = current(target);
      const at = entries.findIndex((e) => entryKey(e, spec) === index);
      if (value === undefined) {
        if (at < 0) return;
        const existing = entries[at]!;
        if (spec.field === undefined) entries.splice(at, 1);
        else {
          const rest = existing.children.filter((c) => c.name !== spec.field);
          if (rest.length === 0) entries.splice(at, 1);
          else entries[at] = { ...existing, children: rest };
        }
        store(target, entries);
        return;
      }
      const sent = value.children.find((e) => e.name === spec.entry && entryKey(e, spec) === index);
      if (sent === undefined) {
        throw new ResponseError(
          'ErrorIncorrectUpdatePropertyCount',
          `The update must hold the ${spec.element} entry ${index}.`,
        );
      }
      if (spec.field === undefined) {
        if (at < 0) entries.push(sent);
        else entries[at] = sent;
      } else {
        const part = sent.children.find((c) => c.name === spec.field);
        if (part === undefined) {
          throw new ResponseError('ErrorIncorrectUpdatePropertyCount', `The update must hold ${spec.field}.`);
        }
        const existing = at < 0 ? { ...sent, children: [] } : entries[at]!;
        const children = [...existing.children.filter((c) => c.name !== spec.field), part].sort(
          (a, b) => ADDRESS_ORDER.indexOf(a.name) - ADDRESS_ORDER.indexOf(b.name),
        );
        if (at < 0) entries.push({ ...existing, children });
        else entries[at] = { ...existing, children };
      }
      store(target, entries);
    },
  };
}

/** Seeded contacts carry their first e-mail address and phone number typed, not as kept elements. */
function typedEntries(item: StoredItem, spec: SchemaIndexedProperty): XmlElement[] {
  const entry = (key: string, text: string): XmlElement => ({
    name: 'Entry',
    attrs: { Key: key },
    text,
    children: [],
  });
  if (spec.element === 'EmailAddresses' && item.contact?.emailAddress)
    return [entry('EmailAddress1', item.contact.emailAddress)];
  if (spec.element === 'PhoneNumbers' && item.contact?.phone)
    return [entry('BusinessPhone', item.contact.phone)];
  return [];
}
