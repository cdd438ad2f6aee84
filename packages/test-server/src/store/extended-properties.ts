/**
 * Extended (MAPI) properties on items and folders: `t:ExtendedProperty` with its `t:ExtendedFieldURI`.
 *
 * A property is named by a tag (PropertyTag, hex `0x…` or decimal) or by a property set
 * (DistinguishedPropertySetId or PropertySetId) plus PropertyName or PropertyId. Each is kept under a
 * normalized identity (the `key`), so `0x1090` and `4240`, or an upper- and a lower-case GUID, name one
 * property; the value is kept as canonical text with the PropertyType it was set with. Reading it with
 * another type finds nothing, as MAPI does (the tag of a stored property includes its type).
 */
import { ResponseError } from '../operations/operation-context.js';
import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';

/** MapiPropertyTypeType's base types (types.xsd), without those that carry no value (Error, Null, Object). */
export const MAPI_BASE_TYPES = [
  'ApplicationTime',
  'Binary',
  'Boolean',
  'CLSID',
  'Currency',
  'Double',
  'Float',
  'Integer',
  'Long',
  'Short',
  'SystemTime',
  'String',
] as const;
export type MapiBaseType = (typeof MAPI_BASE_TYPES)[number];

/** MapiPropertyTypeType's Array types: every base type but Boolean has one (there is no BooleanArray). */
const ARRAY_TYPES = new Set<string>(MAPI_BASE_TYPES.filter((t) => t !== 'Boolean').map((t) => `${t}Array`));
export type MapiType = MapiBaseType | `${Exclude<MapiBaseType, 'Boolean'>}Array`;

/** Types.xsd's enumeration has these too; its documentation says they are only there for error reporting. */
const VALUELESS_TYPES = new Set(['Error', 'Null', 'Object', 'ObjectArray']);

/**
 * DistinguishedPropertySetType's sets and their GUIDs (MS-OXPROPS "Commonly used property sets").
 * Exchange answers a property of one of these sets with DistinguishedPropertySetId even when the
 * request named its GUID (exchangelib issue 324 shows `Task` coming back for the Task set's GUID).
 */
export const DISTINGUISHED_PROPERTY_SETS: Readonly<Record<string, string>> = {
  Meeting: '6ed8da90-450b-101b-98da-00aa003f1305',
  Appointment: '00062002-0000-0000-c000-000000000046',
  Common: '00062008-0000-0000-c000-000000000046',
  PublicStrings: '00020329-0000-0000-c000-000000000046',
  Address: '00062004-0000-0000-c000-000000000046',
  InternetHeaders: '00020386-0000-0000-c000-000000000046',
  CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0',
  UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b',
  Task: '00062003-0000-0000-c000-000000000046',
  Sharing: '00062040-0000-0000-c000-000000000046',
};
const SET_NAME_BY_GUID = new Map(
  Object.entries(DISTINGUISHED_PROPERTY_SETS).map(([name, guid]) => [guid, name]),
);

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const HEX_TAG = /^0[xX][0-9A-Fa-f]{1,4}$/;
const DECIMAL = /^[0-9]+$/;
const INTEGER = /^[+-]?[0-9]+$/;
const DOUBLE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE_TIME =
  /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?$/;

/** One property as an item or folder keeps it: canonical text, a list of them for the Array types. */
export interface StoredExtendedProperty {
  /** The normalized identity: `tag:4240`, `<guid>:name:<name>` or `<guid>:id:<id>`. */
  readonly key: string;
  readonly type: MapiType;
  readonly value: string | readonly string[];
}

/** Anything that can carry extended properties (items and folders; absent in older state files). */
export interface ExtendedPropertyHolder {
  extendedProperties?: StoredExtendedProperty[];
}

/** A parsed t:ExtendedFieldURI: its identity, its type and the attributes Exchange answers with. */
export interface ExtendedPath {
  readonly key: string;
  readonly type: MapiType;
  readonly baseType: MapiBaseType;
  readonly isArray: boolean;
  /** Canonical form: lower-case GUIDs, a known set by its DistinguishedPropertySetId, tags in hex. */
  readonly answerAttrs: Readonly<Record<string, string>>;
}

function invalid(message: string): never {
  throw new ResponseError('ErrorInvalidExtendedProperty', message);
}

function parseType(text: string | undefined): { type: MapiType; baseType: MapiBaseType; isArray: boolean } {
  if (text === undefined) invalid('An ExtendedFieldURI needs a PropertyType.');
  if (VALUELESS_TYPES.has(text)) {
    throw new ResponseError(
      'ErrorUnsupportedMapiPropertyType',
      `PropertyType ${text} cannot be set, read or searched.`,
    );
  }
  const isArray = ARRAY_TYPES.has(text);
  const base = isArray ? text.slice(0, -'Array'.length) : text;
  const baseType = MAPI_BASE_TYPES.find((t) => t === base);
  if (baseType === undefined || (text.endsWith('Array') && !isArray))
    invalid(`Unknown PropertyType ${text}.`);
  return { type: (isArray ? `${baseType}Array` : baseType) as MapiType, baseType, isArray };
}

/** PropertyTag as a number: hex `0x…` (1–4 digits) or a decimal unsigned short. */
function parseTag(text: string): number {
  const tag = HEX_TAG.test(text)
    ? Number.parseInt(text.slice(2), 16)
    : DECIMAL.test(text)
      ? Number.parseInt(text, 10)
      : Number.NaN;
  if (!(tag >= 0 && tag <= 0xffff)) invalid(`PropertyTag ${text} is not a hex or decimal property id.`);
  // ExtendedFieldURI reference: the custom range is named properties' and must be used by name or id.
  if (tag >= 0x8000 && tag <= 0xfffe) {
    invalid(
      `PropertyTag ${text} is in the custom range 0x8000-0xFFFE; use a property set with a name or id.`,
    );
  }
  return tag;
}

const parsedPaths = new WeakMap<XmlElement, ExtendedPath>();

/**
 * Reads a t:ExtendedFieldURI. Only the combinations the schema documents are accepted: PropertyTag
 * alone, or one property set (DistinguishedPropertySetId or PropertySetId) with one of PropertyName
 * and PropertyId; anything else is ErrorInvalidExtendedProperty.
 */
export function parseExtendedPath(path: XmlElement): ExtendedPath {
  const cached = parsedPaths.get(path);
  if (cached !== undefined) return cached;
  const a = path.attrs;
  const { type, baseType, isArray } = parseType(a.PropertyType);
  const hasSet = a.DistinguishedPropertySetId !== undefined || a.PropertySetId !== undefined;
  const hasMember = a.PropertyName !== undefined || a.PropertyId !== undefined;
  let parsed: ExtendedPath;
  if (a.PropertyTag !== undefined) {
    if (hasSet || hasMember) invalid('PropertyTag cannot be combined with a property set, name or id.');
    const tag = parseTag(a.PropertyTag);
    parsed = {
      key: `tag:${tag}`,
      type,
      baseType,
      isArray,
      answerAttrs: { PropertyTag: `0x${tag.toString(16)}`, PropertyType: type },
    };
  } else {
    if (a.DistinguishedPropertySetId !== undefined && a.PropertySetId !== undefined) {
      invalid('DistinguishedPropertySetId and PropertySetId cannot both be given.');
    }
    if (!hasSet) invalid('An ExtendedFieldURI needs PropertyTag, or a property set with a name or id.');
    if (a.PropertyName !== undefined && a.PropertyId !== undefined) {
      invalid('PropertyName and PropertyId cannot both be given.');
    }
    if (!hasMember) invalid('A property set needs PropertyName or PropertyId.');
    let guid: string;
    if (a.DistinguishedPropertySetId !== undefined) {
      const known = DISTINGUISHED_PROPERTY_SETS[a.DistinguishedPropertySetId];
      if (known === undefined) invalid(`Unknown DistinguishedPropertySetId ${a.DistinguishedPropertySetId}.`);
      guid = known;
    } else {
      const text = a.PropertySetId ?? '';
      if (!GUID.test(text)) invalid(`PropertySetId ${text} is not a GUID.`);
      guid = text.toLowerCase();
    }
    const setName = SET_NAME_BY_GUID.get(guid);
    const setAttrs: Record<string, string> =
      setName === undefined ? { PropertySetId: guid } : { DistinguishedPropertySetId: setName };
    if (a.PropertyName !== undefined) {
      if (a.PropertyName === '') invalid('PropertyName cannot be empty.');
      // Internet header names are case-insensitive (RFC 5322); Exchange keeps them in lower case.
      const name = setName === 'InternetHeaders' ? a.PropertyName.toLowerCase() : a.PropertyName;
      parsed = {
        key: `${guid}:name:${name}`,
        type,
        baseType,
        isArray,
        answerAttrs: { ...setAttrs, PropertyName: a.PropertyName, PropertyType: type },
      };
    } else {
      const id = a.PropertyId ?? '';
      if (!INTEGER.test(id) || !Number.isSafeInteger(Number(id)) || Math.abs(Number(id)) > 2 ** 31) {
        invalid(`PropertyId ${id} is not an xs:int.`);
      }
      parsed = {
        key: `${guid}:id:${Number(id)}`,
        type,
        baseType,
        isArray,
        answerAttrs: { ...setAttrs, PropertyId: String(Number(id)), PropertyType: type },
      };
    }
  }
  parsedPaths.set(path, parsed);
  return parsed;
}

function inIntegerRange(text: string, bits: number): string | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  return value >= -limit && value < limit ? value.toString() : undefined;
}

/** One value's canonical text for a base type, or undefined when the text is not of that type. */
export function canonicalValue(baseType: MapiBaseType, raw: string): string | undefined {
  if (baseType === 'String') return raw;
  const text = raw.trim();
  switch (baseType) {
    case 'Boolean':
      return text === 'true' || text === '1'
        ? 'true'
        : text === 'false' || text === '0'
          ? 'false'
          : undefined;
    case 'Short':
      return inIntegerRange(text, 16);
    case 'Integer':
      return inIntegerRange(text, 32);
    case 'Long':
    case 'Currency':
      return inIntegerRange(text, 64);
    case 'Float':
    case 'Double':
    case 'ApplicationTime':
      return DOUBLE.test(text) && Number.isFinite(Number(text)) ? String(Number(text)) : undefined;
    case 'SystemTime': {
      if (!DATE_TIME.test(text)) return undefined;
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'CLSID': {
      const bare = text.replace(/^\{(.*)\}$/, '$1');
      return GUID.test(bare) ? bare.toLowerCase() : undefined;
    }
    case 'Binary': {
      const compact = text.replace(/\s+/g, '');
      return BASE64.test(compact) ? Buffer.from(compact, 'base64').toString('base64') : undefined;
    }
  }
}

/** A comparable value: what restrictions and sort orders see of a stored text. */
export type ExtendedScalar = string | number | bigint | boolean | Date | Uint8Array;

/** Canonical text as the value restrictions compare (Long and Currency exactly, as bigint). */
export function scalarOf(baseType: MapiBaseType, canonical: string): ExtendedScalar {
  switch (baseType) {
    case 'Boolean':
      return canonical === 'true';
    case 'Short':
    case 'Integer':
    case 'Float':
    case 'Double':
    case 'ApplicationTime':
      return Number(canonical);
    case 'Long':
    case 'Currency':
      return BigInt(canonical);
    case 'SystemTime':
      return new Date(canonical);
    case 'Binary':
      return new Uint8Array(Buffer.from(canonical, 'base64'));
    default:
      return canonical;
  }
}

function badValue(path: ExtendedPath, message: string): never {
  throw new ResponseError('ErrorInvalidExtendedPropertyValue', `${path.type} property: ${message}`);
}

/** The value of a t:ExtendedProperty (Value, or Values for the Array types), checked and made canonical. */
function readValue(path: ExtendedPath, propEl: XmlElement): string | string[] {
  const single = child(propEl, 'Value');
  const many = child(propEl, 'Values');
  if (path.isArray) {
    if (many === undefined || single !== undefined) badValue(path, 'an Array type takes Values.');
    const texts = childrenNamed(many, 'Value').map((v) => v.text);
    if (texts.length === 0) badValue(path, 'Values needs at least one Value.');
    return texts.map(
      (t) => canonicalValue(path.baseType, t) ?? badValue(path, `not a ${path.baseType}: ${t}`),
    );
  }
  if (single === undefined || many !== undefined) badValue(path, 'a single-valued type takes Value.');
  return (
    canonicalValue(path.baseType, single.text) ?? badValue(path, `not a ${path.baseType}: ${single.text}`)
  );
}

/** A t:ExtendedProperty element as stored: its path parsed, its value checked. */
export function readExtendedProperty(propEl: XmlElement): StoredExtendedProperty {
  const pathEl = child(propEl, 'ExtendedFieldURI');
  if (pathEl === undefined) invalid('An ExtendedProperty needs an ExtendedFieldURI.');
  const path = parseExtendedPath(pathEl);
  return { key: path.key, type: path.type, value: readValue(path, propEl) };
}

/**
 * Every t:ExtendedProperty child of a new item or folder (CreateItem, CreateFolder). A property named
 * twice is refused rather than one of the two kept.
 */
export function readExtendedProperties(holderEl: XmlElement): StoredExtendedProperty[] {
  const props = childrenNamed(holderEl, 'ExtendedProperty').map(readExtendedProperty);
  const seen = new Set<string>();
  for (const prop of props) {
    if (seen.has(prop.key)) invalid('The same extended property is given twice.');
    seen.add(prop.key);
  }
  return props;
}

/** The stored property a path names, if it was stored with the path's type. */
export function findExtendedProperty(
  holder: ExtendedPropertyHolder,
  path: ExtendedPath,
): StoredExtendedProperty | undefined {
  const found = holder.extendedProperties?.find((p) => p.key === path.key);
  return found?.type === path.type ? found : undefined;
}

/** Sets (replaces) one property: SetItemField / SetFolderField with an ExtendedFieldURI. */
export function setExtendedProperty(holder: ExtendedPropertyHolder, prop: StoredExtendedProperty): void {
  holder.extendedProperties = [...(holder.extendedProperties ?? []).filter((p) => p.key !== prop.key), prop];
}

/** Removes one property (DeleteItemField / DeleteFolderField); removing an absent one is no error. */
export function deleteExtendedProperty(holder: ExtendedPropertyHolder, path: ExtendedPath): void {
  if (holder.extendedProperties === undefined) return;
  holder.extendedProperties = holder.extendedProperties.filter((p) => p.key !== path.key);
}

/**
 * SetItemField/SetFolderField: the item or folder inside must hold exactly one ExtendedProperty, and it
 * must be the one the update's ExtendedFieldURI names.
 */
export function readExtendedUpdate(
  pathEl: XmlElement,
  holderEl: XmlElement | undefined,
): StoredExtendedProperty {
  const path = parseExtendedPath(pathEl);
  const props = childrenNamed(holderEl, 'ExtendedProperty');
  const only = props[0];
  if (props.length !== 1 || only === undefined || (holderEl?.children.length ?? 0) !== 1) {
    throw new ResponseError(
      'ErrorIncorrectUpdatePropertyCount',
      'The update must hold exactly the one ExtendedProperty its ExtendedFieldURI names.',
    );
  }
  const prop = readExtendedProperty(only);
  if (prop.key !== path.key || prop.type !== path.type) {
    throw new ResponseError(
      'ErrorIncorrectUpdatePropertyCount',
      'The ExtendedProperty differs from the property the update names.',
    );
  }
  return prop;
}
