import type { XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { TYPES_PREFIX } from '../kinds/kind.js';
import { fieldElement } from '../kinds/write-xml.js';
import type { Model } from '../schema/define-model.js';
import type { FieldDef } from '../schema/field-def.js';
import { type ExchangeVersion, supportsVersion } from '../versions/exchange-version.js';
import { extendedFieldKey } from './extended-field-identity.js';
import { DISTINGUISHED_PROPERTY_SETS, type DistinguishedPropertySet } from './property-sets.js';

/** t:MapiPropertyTypeType. */
export const MAPI_PROPERTY_TYPES = Object.freeze([
  'ApplicationTime',
  'ApplicationTimeArray',
  'Binary',
  'BinaryArray',
  'Boolean',
  'CLSID',
  'CLSIDArray',
  'Currency',
  'CurrencyArray',
  'Double',
  'DoubleArray',
  'Error',
  'Float',
  'FloatArray',
  'Integer',
  'IntegerArray',
  'Long',
  'LongArray',
  'Null',
  'Object',
  'ObjectArray',
  'Short',
  'ShortArray',
  'SystemTime',
  'SystemTimeArray',
  'String',
  'StringArray',
] as const);
export type MapiPropertyType = (typeof MAPI_PROPERTY_TYPES)[number];

export type { DistinguishedPropertySet } from './property-sets.js';
export { DISTINGUISHED_PROPERTY_SETS } from './property-sets.js';

/** One entry of an indexed property (`contacts:EmailAddress` / `EmailAddress1`). */
export interface IndexedFieldPath {
  readonly type: 'indexed';
  readonly fieldUri: string;
  readonly fieldIndex: string;
}

/** A MAPI extended property, named by tag or by property set plus name or id. */
export interface ExtendedFieldPath<T extends MapiPropertyType = MapiPropertyType> {
  readonly type: 'extended';
  readonly distinguishedPropertySetId?: DistinguishedPropertySet;
  readonly propertySetId?: string;
  readonly propertyTag?: string;
  readonly propertyName?: string;
  readonly propertyId?: number;
  readonly propertyType: T;
}

/** A property that is not a model field: usable in filters, sort orders and shapes. */
export type PropertyPath = IndexedFieldPath | ExtendedFieldPath;

/** A property reference after validation: what the XML writers need. */
export type ResolvedPath =
  | {
      readonly type: 'field';
      readonly name: string;
      readonly fieldUri: string;
      readonly minVersion: ExchangeVersion | undefined;
    }
  | IndexedFieldPath
  | ExtendedFieldPath;

const FIELD_URI = /^[a-z]+:[A-Za-z0-9:]+$/;
/** t:GuidType. */
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** `indexedField('contacts:EmailAddress', 'EmailAddress1')` → `<t:IndexedFieldURI …/>`. */
export function indexedField(fieldUri: string, fieldIndex: string): IndexedFieldPath {
  if (!FIELD_URI.test(fieldUri)) throw invalidArgument(`indexedField: '${fieldUri}' is not a FieldURI`);
  if (fieldIndex === '') throw invalidArgument('indexedField: fieldIndex is empty');
  return Object.freeze({ type: 'indexed', fieldUri, fieldIndex });
}

/**
 * An extended property: either `propertyTag` alone (`'0x1090'`), or a property set
 * (`distinguishedPropertySetId` or `propertySetId`) with `propertyName` or `propertyId`.
 */
export function extendedField<const T extends MapiPropertyType>(
  spec: Omit<ExtendedFieldPath<T>, 'type'>,
): ExtendedFieldPath<T> {
  const { distinguishedPropertySetId: dset, propertySetId: set, propertyTag: tag } = spec;
  const { propertyName: pname, propertyId: pid, propertyType } = spec;
  if (!(MAPI_PROPERTY_TYPES as readonly string[]).includes(propertyType))
    throw invalidArgument('extendedField: propertyType is not a MAPI property type');
  if (dset !== undefined && !(DISTINGUISHED_PROPERTY_SETS as readonly string[]).includes(dset))
    throw invalidArgument('extendedField: unknown distinguishedPropertySetId');
  const hasSet = dset !== undefined || set !== undefined;
  const hasNameOrId = pname !== undefined || pid !== undefined;
  const byTag = tag !== undefined && !hasSet && !hasNameOrId;
  const bySet =
    tag === undefined &&
    (dset === undefined) !== (set === undefined) &&
    (pname === undefined) !== (pid === undefined);
  if (!byTag && !bySet)
    throw invalidArgument(
      'extendedField: give propertyTag alone, or one property set id with propertyName or propertyId',
    );
  // t:PropertyTagType: `0x`/`0X` and 1–4 hex digits, or an xs:unsignedShort.
  if (tag !== undefined && !(/^(0[xX][0-9A-Fa-f]{1,4}|\+?\d{1,10})$/.test(tag) && Number(tag) <= 0xffff))
    throw invalidArgument('extendedField: propertyTag must be a 16-bit number such as 0x1090');
  if (set !== undefined && !GUID.test(set))
    throw invalidArgument(
      'extendedField: propertySetId must be a GUID such as 00020329-0000-0000-C000-000000000046',
    );
  if (pid !== undefined && !Number.isSafeInteger(pid))
    throw invalidArgument('extendedField: propertyId must be an integer');
  return Object.freeze({ type: 'extended', ...spec });
}

export function isPropertyPath(value: unknown): value is PropertyPath {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof value === 'object' && value !== null && (type === 'indexed' || type === 'extended');
}

/** Looks a model field up by name; unknown names and fields without a FieldURI are refused. */
export function modelField(model: Model, name: string, purpose: string): FieldDef & { fieldUri: string } {
  const def = model.byName.get(name);
  if (def === undefined) throw invalidArgument(`${purpose}: ${model.name} has no field named '${name}'`);
  if (def.fieldUri === undefined)
    throw invalidArgument(`${purpose}: ${model.name}.${name} has no FieldURI, so EWS cannot address it`);
  return def as FieldDef & { fieldUri: string };
}

export function resolveField(def: FieldDef & { fieldUri: string }): ResolvedPath {
  return Object.freeze({ type: 'field', name: def.name, fieldUri: def.fieldUri, minVersion: def.minVersion });
}

/** Refuses a field the target server does not know. */
export function checkPathVersion(path: ResolvedPath, version: ExchangeVersion, purpose: string): void {
  if (path.type === 'field' && path.minVersion !== undefined && !supportsVersion(version, path.minVersion)) {
    throw invalidArgument(
      `${purpose}: field '${path.name}' (${path.fieldUri}) needs ${path.minVersion} or newer, but the target version is ${version}`,
    );
  }
}

// Attribute order follows t:PathToExtendedFieldType (any order is valid; this one is stable).
const EXTENDED_ATTRIBUTES = [
  ['distinguishedPropertySetId', 'DistinguishedPropertySetId'],
  ['propertySetId', 'PropertySetId'],
  ['propertyTag', 'PropertyTag'],
  ['propertyName', 'PropertyName'],
  ['propertyId', 'PropertyId'],
  ['propertyType', 'PropertyType'],
] as const;

// Made once: a name built per call is a new string that the builder's check must hash again.
const FIELD_URI_QNAME = `${TYPES_PREFIX}FieldURI`;
const INDEXED_FIELD_URI_QNAME = `${TYPES_PREFIX}IndexedFieldURI`;
const EXTENDED_FIELD_URI_QNAME = `${TYPES_PREFIX}ExtendedFieldURI`;

/** `<t:FieldURI/>`, `<t:IndexedFieldURI/>` or `<t:ExtendedFieldURI/>`. */
export function pathXml(path: ResolvedPath): XmlFragment {
  const where = 'property path';
  if (path.type === 'field') return fieldElement(where, FIELD_URI_QNAME, { FieldURI: path.fieldUri });
  if (path.type === 'indexed') {
    return fieldElement(where, INDEXED_FIELD_URI_QNAME, {
      FieldURI: path.fieldUri,
      FieldIndex: path.fieldIndex,
    });
  }
  const attributes: Record<string, string | number> = {};
  for (const [key, xmlName] of EXTENDED_ATTRIBUTES) {
    const value = path[key];
    if (value !== undefined) attributes[xmlName] = value;
  }
  return fieldElement(where, EXTENDED_FIELD_URI_QNAME, attributes);
}

/**
 * A stable key for a path (deduplication and sorting). Two extended paths naming the same
 * property (a set by name or by GUID, a tag in hex or decimal) have the same key.
 */
export function pathKey(path: ResolvedPath): string {
  if (path.type === 'field') return path.fieldUri;
  if (path.type === 'indexed') return `${path.fieldUri}#${path.fieldIndex}`;
  return extendedFieldKey(path);
}
