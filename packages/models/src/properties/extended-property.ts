import { children, el, type XmlFragment, type XmlNode } from '@ews/core';
import { invalidArgument, protocolError } from '../errors.js';
import { type Kind, TYPES_PREFIX, type WriteContext } from '../kinds/kind.js';
import { type RepeatedKind, repeated } from '../kinds/repeated-kind.js';
import { fieldElement } from '../kinds/write-xml.js';
import { extendedFieldKey } from '../query/extended-field-identity.js';
import {
  type ExtendedFieldPath,
  extendedField,
  type MapiPropertyType,
  pathXml,
} from '../query/property-path.js';
import {
  MAPI_SCALAR_KINDS,
  type MapiScalarType,
  type MapiValueTypes,
  mapiElementType,
} from './mapi-types.js';

type ValueOf<T extends MapiPropertyType> = T extends `${infer S extends MapiScalarType}Array`
  ? MapiValueTypes[S][]
  : T extends MapiScalarType
    ? MapiValueTypes[T]
    : never;
/** The value an extended property of MAPI type T holds (a non-empty array for the *Array types). */
export type MapiValue<T extends MapiPropertyType = MapiPropertyType> = ValueOf<T>;

/**
 * t:ExtendedPropertyType: a MAPI property named by an `extendedField(...)` path, and its value.
 * Long and Currency values are bigints, SystemTime a Date, Binary a Uint8Array.
 */
export interface ExtendedProperty<T extends MapiPropertyType = MapiPropertyType> {
  readonly path: ExtendedFieldPath<T>;
  readonly value: MapiValue<T>;
}

// Read back in this order; extendedField() checks the combination.
const PATH_ATTRIBUTES = [
  ['distinguishedPropertySetId', 'DistinguishedPropertySetId'],
  ['propertySetId', 'PropertySetId'],
  ['propertyTag', 'PropertyTag'],
  ['propertyName', 'PropertyName'],
  ['propertyId', 'PropertyId'],
  ['propertyType', 'PropertyType'],
] as const;

function readPath(node: XmlNode, where: string): ExtendedFieldPath {
  const spec: Record<string, unknown> = {};
  for (const [name, xmlName] of PATH_ATTRIBUTES) {
    const value = node.attributes[xmlName];
    if (value !== undefined) spec[name] = name === 'propertyId' ? Number(value) : value;
  }
  try {
    return extendedField(spec as Omit<ExtendedFieldPath, 'type'>);
  } catch (error) {
    throw protocolError(`${where}: not a valid extended property path`, error);
  }
}

function fits(type: MapiPropertyType, value: unknown): boolean {
  const { scalar, array } = mapiElementType(type);
  const kind = MAPI_SCALAR_KINDS[scalar];
  return array
    ? Array.isArray(value) && value.length > 0 && value.every((v) => kind.accepts(v))
    : kind.accepts(value);
}

/** `<t:Value>`, or `<t:Values>` of them for the *Array types. */
function valueXml(type: MapiPropertyType, value: unknown, where: string): XmlFragment {
  if (!fits(type, value)) throw invalidArgument(`${where}: the value does not fit PropertyType ${type}`);
  const { scalar, array } = mapiElementType(type);
  const kind = MAPI_SCALAR_KINDS[scalar] as { toText(v: unknown): string };
  const one = (v: unknown) => fieldElement(`${where}.Value`, `${TYPES_PREFIX}Value`, {}, kind.toText(v));
  return array ? el(`${TYPES_PREFIX}Values`, {}, (value as unknown[]).map(one)) : one(value);
}

/** The value of an ExtendedProperty element read as `type` (its ExtendedFieldURI is not looked at). */
function readValue(type: MapiPropertyType, node: XmlNode, where: string): MapiValue {
  const { scalar, array } = mapiElementType(type);
  const kind = MAPI_SCALAR_KINDS[scalar];
  const read = (v: XmlNode) => kind.fromText(v.text, `${where}.Value`);
  if (array) {
    const [values] = children(node, 'Values');
    return children(values, 'Value').map(read) as MapiValue;
  }
  // `<t:Value/>` is an empty value ('' for a String), not a missing one.
  const [single] = children(node, 'Value');
  if (single === undefined) throw protocolError(`${where}: Value is missing`);
  return read(single) as MapiValue;
}

/** One `<t:ExtendedProperty>`: the path, then `<t:Value>`, or `<t:Values>` for the *Array types. */
export const extendedProperty: Kind<ExtendedProperty> = Object.freeze({
  name: 'ExtendedProperty',
  list: false,
  accepts: (value: unknown): value is ExtendedProperty => {
    if (typeof value !== 'object' || value === null) return false;
    const { path, value: v } = value as Partial<ExtendedProperty>;
    return path?.type === 'extended' && fits(path.propertyType, v);
  },
  writeElement(qname: string, value: ExtendedProperty, _context: WriteContext, where: string): XmlFragment {
    // Re-checked here: the path may not come from extendedField().
    const { type: _type, ...spec } = value.path;
    const path = extendedField(spec);
    return el(qname, {}, [pathXml(path), valueXml(path.propertyType, value.value, where)]);
  },
  readElement(node: XmlNode, where: string): ExtendedProperty {
    const [pathNode] = children(node, 'ExtendedFieldURI');
    if (pathNode === undefined) throw protocolError(`${where}: ExtendedFieldURI is missing`);
    const path = readPath(pathNode, `${where}.ExtendedFieldURI`);
    return { path, value: readValue(path.propertyType, node, where) };
  },
});

/**
 * Item.ExtendedProperty / Folder.ExtendedProperty: every `<t:ExtendedProperty>` sibling, in
 * document order (types.xsd repeats the element without a wrapper).
 */
export const extendedProperties: RepeatedKind<ExtendedProperty> = repeated(extendedProperty);

/**
 * A typed extended property value: `extendedValue(path, 42)` for an Integer path. Throws
 * EWS_INVALID_ARGUMENT when the value does not fit the path's PropertyType (e.g. an empty array).
 */
export function extendedValue<T extends MapiPropertyType>(
  path: ExtendedFieldPath<T>,
  value: MapiValue<T>,
): ExtendedProperty<T> {
  if (path?.type !== 'extended') throw invalidArgument('extendedValue: the path is not from extendedField()');
  if (!fits(path.propertyType, value))
    throw invalidArgument(`extendedValue: the value does not fit PropertyType ${path.propertyType}`);
  return Object.freeze({ path, value });
}

/**
 * An ExtendedProperty element whose path the caller declares (as exchangelib's ExtendedProperty
 * classes do): writing puts `path` on the wire, reading takes the value as the path's type.
 */
export function extendedPropertyFor<T extends MapiPropertyType>(
  path: ExtendedFieldPath<T>,
): Kind<MapiValue<T>> {
  const { type: _type, ...spec } = path;
  const checked = extendedField(spec);
  return Object.freeze({
    name: `ExtendedProperty<${checked.propertyType}>`,
    list: false,
    accepts: (value: unknown): value is MapiValue<T> => fits(checked.propertyType, value),
    writeElement(qname: string, value: MapiValue<T>, _context: WriteContext, where: string): XmlFragment {
      return el(qname, {}, [pathXml(checked), valueXml(checked.propertyType, value, where)]);
    },
    readElement: (node: XmlNode, where: string): MapiValue<T> =>
      readValue(checked.propertyType, node, where) as MapiValue<T>,
  });
}

/**
 * Whether two paths name the same property: a property set by DistinguishedPropertySetId or by
 * its GUID (any case) alike, tags by number (`0x1000` is `4096`), ids by number, names exactly.
 */
export function sameExtendedField(a: ExtendedFieldPath, b: ExtendedFieldPath): boolean {
  return extendedFieldKey(a) === extendedFieldKey(b);
}

/** The value of the property named by `path` among an item's or folder's extended properties. */
export function findExtendedValue<T extends MapiPropertyType>(
  properties: readonly ExtendedProperty[] | undefined,
  path: ExtendedFieldPath<T>,
): MapiValue<T> | undefined {
  const key = extendedFieldKey(path);
  const found = properties?.find((p) => extendedFieldKey(p.path) === key);
  return found?.value as MapiValue<T> | undefined;
}

/**
 * Every `<t:ExtendedProperty>` of an item or folder node (e.g. one entry of a parsed GetItem
 * response); the same as the tables' `extendedProperties` field.
 */
export function extendedPropertiesFromXml(node: XmlNode, where = 'ExtendedProperty'): ExtendedProperty[] {
  return extendedProperties.readAll(children(node, 'ExtendedProperty'), where);
}
