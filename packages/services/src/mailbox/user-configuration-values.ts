import {
  children,
  childText,
  EwsInvalidArgumentError,
  EwsProtocolError,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { base64, boolean, dateTime, enumKind, int } from '@ews/models';

/*
 * A user configuration's dictionary (t:UserConfigurationDictionaryType): entries whose key and
 * value are typed objects (t:UserConfigurationDictionaryObjectType: a Type and one Value, or one
 * Value per string for StringArray). Each type is read and written by its own rule and range, so a
 * 64-bit number never loses digits (bigint), a byte is 0–255 and a value outside its type is an
 * error (EWS_PROTOCOL read, EWS_INVALID_ARGUMENT written), never a wrapped or rounded number.
 */

/** One typed value of a user configuration dictionary (a key or a value). */
export type UserConfigurationValue =
  | { readonly type: 'String'; readonly value: string }
  | { readonly type: 'Boolean'; readonly value: boolean }
  | { readonly type: 'Byte'; readonly value: number }
  | { readonly type: 'Integer32'; readonly value: number }
  | { readonly type: 'UnsignedInteger32'; readonly value: number }
  | { readonly type: 'Integer64'; readonly value: bigint }
  | { readonly type: 'UnsignedInteger64'; readonly value: bigint }
  | { readonly type: 'DateTime'; readonly value: Date }
  | { readonly type: 'ByteArray'; readonly value: Uint8Array }
  | { readonly type: 'StringArray'; readonly value: readonly string[] };

export type UserConfigurationValueType = UserConfigurationValue['type'];

/** One dictionary entry; `value` null is the schema's nil DictionaryValue. */
export interface UserConfigurationEntry {
  readonly key: UserConfigurationValue;
  readonly value: UserConfigurationValue | null;
}

// The most entries one dictionary may hold when read; far above any real configuration
// (OWA's keeps a few dozen), so a larger one is a broken answer rather than data.
export const MAX_DICTIONARY_ENTRIES = 10_000;
// The most strings one StringArray may hold when read.
export const MAX_STRING_ARRAY_LENGTH = 100_000;

const valueType = enumKind<UserConfigurationValueType>('UserConfigurationDictionaryObjectTypesType', [
  'DateTime',
  'Boolean',
  'Byte',
  'String',
  'Integer32',
  'UnsignedInteger32',
  'Integer64',
  'UnsignedInteger64',
  'StringArray',
  'ByteArray',
]);

const INTEGER = /^[+-]?\d+$/;
const NUMBER_RANGES = {
  Byte: [0, 255],
  Integer32: [-2_147_483_648, 2_147_483_647],
  UnsignedInteger32: [0, 4_294_967_295],
} as const;
const BIGINT_RANGES = {
  Integer64: [-(2n ** 63n), 2n ** 63n - 1n],
  UnsignedInteger64: [0n, 2n ** 64n - 1n],
} as const;

const XSI_NIL = '{http://www.w3.org/2001/XMLSchema-instance}nil';
const XS_NIL_ATTRIBUTES = { 'xsi:nil': true, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' };

function invalid(where: string, why: string): EwsInvalidArgumentError {
  return new EwsInvalidArgumentError(`${where}: ${why}`);
}

/** The Value texts of a typed object (one, or one per string of a StringArray). */
function valueTexts(object: UserConfigurationValue, where: string): readonly string[] {
  if (typeof object !== 'object' || object === null || !valueType.accepts(object.type))
    throw invalid(
      where,
      `a dictionary object is { type, value } with type one of ${valueType.choices.join(', ')}`,
    );
  const { type, value } = object;
  switch (type) {
    case 'String':
      if (typeof value !== 'string') throw invalid(where, 'a String value is a string');
      return [value];
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalid(where, 'a Boolean value is a boolean');
      return [boolean.toText(value)];
    case 'Byte':
    case 'Integer32':
    case 'UnsignedInteger32': {
      const [min, max] = NUMBER_RANGES[type];
      if (!Number.isInteger(value) || value < min || value > max)
        throw invalid(where, `a ${type} value is an integer from ${min} to ${max}`);
      return [String(value)];
    }
    case 'Integer64':
    case 'UnsignedInteger64': {
      const [min, max] = BIGINT_RANGES[type];
      if (typeof value !== 'bigint' || value < min || value > max)
        throw invalid(where, `a ${type} value is a bigint from ${min} to ${max}`);
      return [String(value)];
    }
    case 'DateTime':
      if (!dateTime.accepts(value)) throw invalid(where, 'a DateTime value is a valid Date in years 1–9999');
      return [dateTime.toText(value)];
    case 'ByteArray':
      if (!(value instanceof Uint8Array)) throw invalid(where, 'a ByteArray value is a Uint8Array');
      return [base64.toText(value)];
    case 'StringArray':
      // t:Value is minOccurs 1: an empty list cannot be written.
      if (!Array.isArray(value) || value.length === 0 || value.some((s) => typeof s !== 'string'))
        throw invalid(where, 'a StringArray value is a non-empty array of strings (t:Value minOccurs 1)');
      return value;
  }
}

/** `<t:DictionaryKey>` / `<t:DictionaryValue>` for one typed object (null: a nil value). */
export function dictionaryObjectXml(
  element: 'DictionaryKey' | 'DictionaryValue',
  object: UserConfigurationValue | null,
  where: string,
): XmlFragment {
  if (object === null) {
    if (element === 'DictionaryKey') throw invalid(where, 'a dictionary key cannot be null');
    return el('t:DictionaryValue', XS_NIL_ATTRIBUTES);
  }
  const texts = valueTexts(object, where);
  if (element === 'DictionaryKey' && object.type === 'StringArray')
    throw invalid(where, 'a dictionary key cannot be a StringArray');
  return el(`t:${element}`, {}, [el('t:Type', {}, object.type), texts.map((t) => el('t:Value', {}, t))]);
}

/** A key that compares by type and value (duplicate keys are refused both ways). */
export function dictionaryKeyOf(object: UserConfigurationValue, where: string): string {
  return `${object.type}:${valueTexts(object, where).join('\u0000')}`;
}

/** `<t:Dictionary>` for entries; duplicate keys are refused (Exchange keeps one value per key). */
export function dictionaryXml(entries: readonly UserConfigurationEntry[]): XmlFragment {
  if (!Array.isArray(entries)) throw invalid('dictionary', 'expected an array of { key, value } entries');
  const seen = new Set<string>();
  const xml = entries.map((entry, index) => {
    const where = `dictionary[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalid(where, 'expected { key, value }');
    const key = dictionaryKeyOf(entry.key, `${where}.key`);
    if (seen.has(key)) throw invalid(where, 'the same key is given twice');
    seen.add(key);
    return el('t:DictionaryEntry', {}, [
      dictionaryObjectXml('DictionaryKey', entry.key, `${where}.key`),
      dictionaryObjectXml('DictionaryValue', entry.value, `${where}.value`),
    ]);
  });
  return el('t:Dictionary', {}, xml);
}

function protocol(where: string, why: string): EwsProtocolError {
  return new EwsProtocolError(`${where}: ${why}`, { operation: 'GetUserConfiguration' });
}

function readInteger(text: string, where: string): bigint {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) throw protocol(where, 'expected an integer');
  return BigInt(trimmed);
}

/** One typed object read: its Type, and exactly one Value (one or more for a StringArray). */
export function readDictionaryObject(node: XmlNode, where: string): UserConfigurationValue {
  const typeText = childText(node, 'Type');
  if (typeText === undefined) throw protocol(where, 'a dictionary object has no Type');
  const type = valueType.fromText(typeText, `${where}.Type`);
  const values = children(node, 'Value');
  if (node.children.some((c) => c.name !== 'Type' && c.name !== 'Value'))
    throw protocol(where, 'a dictionary object holds only Type and Value');
  if (type === 'StringArray') {
    if (values.length === 0) throw protocol(where, 'a StringArray has no Value');
    if (values.length > MAX_STRING_ARRAY_LENGTH)
      throw protocol(where, `a StringArray of more than ${MAX_STRING_ARRAY_LENGTH} strings`);
    return { type, value: values.map((v) => v.text) };
  }
  if (values.length !== 1) throw protocol(where, `a ${type} holds one Value, not ${values.length}`);
  const text = (values[0] as XmlNode).text;
  const at = `${where}.Value`;
  switch (type) {
    case 'String':
      return { type, value: text };
    case 'Boolean':
      return { type, value: boolean.fromText(text, at) };
    case 'DateTime':
      return { type, value: dateTime.fromText(text, at) };
    case 'ByteArray':
      return { type, value: base64.fromText(text, at) };
    case 'Byte':
    case 'Integer32':
    case 'UnsignedInteger32': {
      const [min, max] = NUMBER_RANGES[type];
      const read = int.fromText(text, at);
      if (read < min || read > max) throw protocol(at, `a ${type} outside ${min}–${max}`);
      return { type, value: read };
    }
    case 'Integer64':
    case 'UnsignedInteger64': {
      const [min, max] = BIGINT_RANGES[type];
      const read = readInteger(text, at);
      if (read < min || read > max) throw protocol(at, `a ${type} outside ${min}–${max}`);
      return { type, value: read };
    }
  }
}

/** A t:Dictionary read: bounded, each entry with its key and (possibly nil) value, keys unique. */
export function readDictionary(node: XmlNode, where: string): readonly UserConfigurationEntry[] {
  const entries = node.children;
  if (entries.length > MAX_DICTIONARY_ENTRIES)
    throw protocol(where, `more than ${MAX_DICTIONARY_ENTRIES} dictionary entries`);
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `${where}.DictionaryEntry[${index}]`;
    if (entry.name !== 'DictionaryEntry') throw protocol(at, `unexpected <${entry.name}>`);
    const [keyNode, valueNode, ...rest] = entry.children;
    if (keyNode?.name !== 'DictionaryKey' || valueNode?.name !== 'DictionaryValue' || rest.length > 0)
      throw protocol(at, 'an entry holds one DictionaryKey and one DictionaryValue');
    const key = readDictionaryObject(keyNode, `${at}.DictionaryKey`);
    if (key.type === 'StringArray') throw protocol(at, 'a StringArray key');
    const id = `${key.type}:${String(key.value instanceof Date ? key.value.getTime() : key.value)}`;
    if (seen.has(id)) throw protocol(at, 'a key answered twice');
    seen.add(id);
    const nil = valueNode.attributes[XSI_NIL];
    const value =
      nil === 'true' || nil === '1' ? null : readDictionaryObject(valueNode, `${at}.DictionaryValue`);
    return { key, value };
  });
}
