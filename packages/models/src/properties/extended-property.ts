import { invalidArgument, protocolError } from '../errors.js';
import { type Kind, TYPES_PREFIX, type WriteContext } from '../kinds/kind.js';
import { escapeText } from '../kinds/xml-escape.js';
import { attributeOf, childrenOf, textOf, type XmlNode } from '../kinds/xml-node.js';
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
export interface ExtendedProperty {
  readonly path: ExtendedFieldPath;
  readonly value: MapiValue;
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
    const value = attributeOf(node, xmlName);
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

/** One `<t:ExtendedProperty>`: the path, then `<t:Value>`, or `<t:Values>` for the *Array types. */
export const extendedProperty: Kind<ExtendedProperty> = Object.freeze({
  name: 'ExtendedProperty',
  list: false,
  accepts: (value: unknown): value is ExtendedProperty => {
    if (typeof value !== 'object' || value === null) return false;
    const { path, value: v } = value as Partial<ExtendedProperty>;
    return path?.type === 'extended' && fits(path.propertyType, v);
  },
  writeElement(qname: string, value: ExtendedProperty, _context: WriteContext, where: string): string {
    // Re-checked here: the path may not come from extendedField().
    const { type: _type, ...spec } = value.path;
    const path = extendedField(spec);
    if (!fits(path.propertyType, value.value))
      throw invalidArgument(`${where}: the value does not fit PropertyType ${path.propertyType}`);
    const { scalar, array } = mapiElementType(path.propertyType);
    const kind = MAPI_SCALAR_KINDS[scalar] as { toText(v: unknown): string };
    const one = (v: unknown) =>
      `<${TYPES_PREFIX}Value>${escapeText(kind.toText(v), `${where}.Value`)}</${TYPES_PREFIX}Value>`;
    const body = array
      ? `<${TYPES_PREFIX}Values>${(value.value as unknown[]).map(one).join('')}</${TYPES_PREFIX}Values>`
      : one(value.value);
    return `<${qname}>${pathXml(path)}${body}</${qname}>`;
  },
  readElement(node: XmlNode, where: string): ExtendedProperty {
    const [pathNode] = childrenOf(node, 'ExtendedFieldURI');
    if (pathNode === undefined) throw protocolError(`${where}: ExtendedFieldURI is missing`);
    const path = readPath(pathNode, `${where}.ExtendedFieldURI`);
    const { scalar, array } = mapiElementType(path.propertyType);
    const kind = MAPI_SCALAR_KINDS[scalar];
    const read = (v: XmlNode) => kind.fromText(textOf(v), `${where}.Value`);
    if (array) {
      const [values] = childrenOf(node, 'Values');
      return { path, value: childrenOf(values, 'Value').map(read) as MapiValue };
    }
    const [single] = childrenOf(node, 'Value');
    if (single === undefined) throw protocolError(`${where}: Value is missing`);
    return { path, value: read(single) as MapiValue };
  },
});

/**
 * Every `<t:ExtendedProperty>` of an item or folder node (e.g. one entry of a parsed GetItem
 * response). The field tables do not hold them yet because they repeat without a wrapper.
 */
export function readExtendedProperties(node: XmlNode, where = 'ExtendedProperty'): ExtendedProperty[] {
  return childrenOf(node, 'ExtendedProperty').map((child) => extendedProperty.readElement(child, where));
}
