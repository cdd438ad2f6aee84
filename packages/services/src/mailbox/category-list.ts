import {
  boundedServerText,
  decodeUtf8Strictly,
  EwsInvalidArgumentError,
  EwsProtocolError,
  el,
  MAX_SERVER_NAME_LENGTH,
  parseXml,
  type XmlAttributes,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, int } from '@ews/models';

/*
 * Outlook's master category list (MS-OXOCFG 2.2.5.2.2): the XML document of the `CategoryList`
 * user configuration in the Calendar folder. Every category carries a name, a color, a keyboard
 * shortcut, a GUID and when it was last used; attributes this library does not know are kept as
 * read and written back (MS-OXOCFG 3.1.4.2.3: clients rewrite unknown attributes as they are).
 */

/** MS-OXOCFG's namespace for the document (`CategoryList.xsd`). */
export const CATEGORY_LIST_NAMESPACE = 'CategoryList.xsd';
// Lists written by other clients under Outlook 2007's schema URI are read the same way.
const CATEGORY_LIST_NAMESPACES = [
  CATEGORY_LIST_NAMESPACE,
  'http://schemas.microsoft.com/office/outlook/12/categorylist',
];
/** The user configuration holding the list, in the Calendar folder. */
export const CATEGORY_LIST_CONFIGURATION = 'CategoryList';
// Far above any real list (Outlook shows a few dozen): a longer one is refused, not read.
export const MAX_CATEGORIES = 10_000;
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A category's color: -1 none, 0–24 Outlook's preset colors (OlCategoryColor). */
export type CategoryColor = number;
export const MIN_CATEGORY_COLOR = -1;
export const MAX_CATEGORY_COLOR = 24;
/** 0 none, 1–11 Ctrl+F2 … Ctrl+F12 (OlCategoryShortcutKey). */
export const MAX_KEYBOARD_SHORTCUT = 11;

export interface Category {
  readonly name: string;
  readonly color: CategoryColor;
  readonly keyboardShortcut: number;
  /** `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`; a new category without one gets a random GUID. */
  readonly guid?: string | undefined;
  readonly usageCount?: number | undefined;
  /** Written as now when absent (MS-OXOCFG: lastTimeUsed MUST be set on every category). */
  readonly lastTimeUsed?: Date | undefined;
  readonly renameOnFirstUse?: boolean | undefined;
  /** Attributes this library does not read (lastTimeUsedMail, …), kept as read. */
  readonly otherAttributes?: Readonly<Record<string, string>> | undefined;
}

export interface MasterCategoryList {
  readonly categories: readonly Category[];
  /** The name of the default category. */
  readonly default?: string | undefined;
  /** The list's other attributes (lastSavedSession, lastSavedTime, …), kept as read. */
  readonly otherAttributes?: Readonly<Record<string, string>> | undefined;
}

const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const KNOWN_CATEGORY = new Set([
  'name',
  'color',
  'keyboardShortcut',
  'guid',
  'usageCount',
  'lastTimeUsed',
  'renameOnFirstUse',
]);
const OPERATION = 'GetUserConfiguration';
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// What Outlook writes in front of the list (no encoding: the document is UTF-8).
const CATEGORY_LIST_DECLARATION = '<?xml version="1.0"?>';

function fail(why: string): EwsProtocolError {
  return new EwsProtocolError(`CategoryList: ${why}`, { operation: OPERATION });
}

function integerAttribute(node: XmlNode, name: string, min: number, max: number, where: string): number {
  const text = node.attributes[name];
  if (text === undefined) throw fail(`${where} has no ${name}`);
  const value = int.fromText(text, `CategoryList.${where}.${name}`);
  if (value < min || value > max)
    throw fail(`${where}: ${name} '${boundedServerText(text, 32)}' is not an integer from ${min} to ${max}`);
  return value;
}

function others(node: XmlNode, known: ReadonlySet<string>): Record<string, string> | undefined {
  const entries = Object.entries(node.attributes).filter(
    ([name]) => !known.has(name) && ATTRIBUTE_NAME.test(name),
  );
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function readCategory(node: XmlNode, index: number): Category {
  const where = `category ${index + 1}`;
  const name = node.attributes.name;
  if (name === undefined || name === '') throw fail(`${where} has no name`);
  const guid = node.attributes.guid;
  if (guid !== undefined && !GUID.test(guid)) throw fail(`${where}: guid is not a {GUID}`);
  const usage = node.attributes.usageCount;
  const lastTimeUsed = node.attributes.lastTimeUsed;
  const rename = node.attributes.renameOnFirstUse;
  return {
    name,
    color: integerAttribute(node, 'color', MIN_CATEGORY_COLOR, MAX_CATEGORY_COLOR, where),
    keyboardShortcut:
      node.attributes.keyboardShortcut === undefined
        ? 0
        : integerAttribute(node, 'keyboardShortcut', 0, MAX_KEYBOARD_SHORTCUT, where),
    guid,
    usageCount: usage === undefined ? undefined : integerAttribute(node, 'usageCount', 0, 2 ** 31 - 1, where),
    lastTimeUsed:
      lastTimeUsed === undefined ? undefined : dateTime.fromText(lastTimeUsed, `${where}.lastTimeUsed`),
    renameOnFirstUse:
      rename === undefined ? undefined : boolean.fromText(rename, `${where}.renameOnFirstUse`),
    otherAttributes: others(node, KNOWN_CATEGORY),
  };
}

/**
 * The list an XmlData document holds: UTF-8 (a byte order mark allowed), one `categories` root in
 * MS-OXOCFG's namespace holding `category` elements only, each with a name and a color in range,
 * names unique (Outlook matches items' categories by name). Anything else is EWS_PROTOCOL.
 */
export function readCategoryList(xmlData: Uint8Array): MasterCategoryList {
  if (xmlData.byteLength > MAX_DOCUMENT_BYTES)
    throw fail(`a document of more than ${MAX_DOCUMENT_BYTES} bytes`);
  let text = decodeUtf8Strictly(xmlData, OPERATION);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const root = parseXml(text, { operation: OPERATION, namespaces: CATEGORY_LIST_NAMESPACES });
  if (root.name !== 'categories')
    throw fail(`the root is <${boundedServerText(root.name, MAX_SERVER_NAME_LENGTH)}>, not <categories>`);
  if (root.children.length > MAX_CATEGORIES) throw fail(`more than ${MAX_CATEGORIES} categories`);
  const seen = new Set<string>();
  const categories = root.children.map((node, index) => {
    if (node.name !== 'category' || node.namespace !== root.namespace)
      throw fail(
        `<categories> holds <${boundedServerText(node.name, MAX_SERVER_NAME_LENGTH)}>, not only <category>`,
      );
    const category = readCategory(node, index);
    const key = category.name.toLowerCase();
    if (seen.has(key)) throw fail(`category ${index + 1}: the name is used twice`);
    seen.add(key);
    return category;
  });
  return {
    categories,
    default: root.attributes.default,
    otherAttributes: others(root, new Set(['default'])),
  };
}

function invalid(why: string): EwsInvalidArgumentError {
  return new EwsInvalidArgumentError(`categories: ${why}`);
}

/** Outlook's form: UTC without a zone, milliseconds always (`2026-03-02T08:00:00.000`). */
function outlookTime(date: Date): string {
  return date.toISOString().slice(0, -1);
}

function randomGuid(): string {
  return `{${globalThis.crypto.randomUUID().toUpperCase()}}`;
}

function checkedAttributes(attributes: Readonly<Record<string, string | undefined>>): XmlAttributes {
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined && !ATTRIBUTE_NAME.test(name))
      throw invalid(`'${name}' is not an attribute name`);
  return attributes;
}

function categoryXml(category: Category, index: number, now: Date): XmlFragment {
  const where = `category ${index + 1}`;
  if (typeof category !== 'object' || category === null) throw invalid(`${where} is not an object`);
  const { name, color, keyboardShortcut, guid, usageCount, lastTimeUsed } = category;
  if (typeof name !== 'string' || name.trim() === '') throw invalid(`${where} needs a name`);
  if (!Number.isInteger(color) || color < MIN_CATEGORY_COLOR || color > MAX_CATEGORY_COLOR)
    throw invalid(`${where}: color is an integer from ${MIN_CATEGORY_COLOR} (none) to ${MAX_CATEGORY_COLOR}`);
  if (!Number.isInteger(keyboardShortcut) || keyboardShortcut < 0 || keyboardShortcut > MAX_KEYBOARD_SHORTCUT)
    throw invalid(`${where}: keyboardShortcut is an integer from 0 (none) to ${MAX_KEYBOARD_SHORTCUT}`);
  if (guid !== undefined && (typeof guid !== 'string' || !GUID.test(guid)))
    throw invalid(`${where}: guid is '{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}'`);
  if (usageCount !== undefined && (!Number.isInteger(usageCount) || usageCount < 0))
    throw invalid(`${where}: usageCount is a non-negative integer`);
  if (lastTimeUsed !== undefined && !dateTime.accepts(lastTimeUsed))
    throw invalid(`${where}: lastTimeUsed is a valid Date`);
  const known = {
    name,
    color: String(color),
    keyboardShortcut: String(keyboardShortcut),
    usageCount: usageCount === undefined ? undefined : String(usageCount),
    lastTimeUsed: outlookTime(lastTimeUsed ?? now),
    guid: guid ?? randomGuid(),
    renameOnFirstUse:
      category.renameOnFirstUse === undefined ? undefined : category.renameOnFirstUse ? '1' : '0',
  };
  const rest = Object.fromEntries(
    Object.entries(category.otherAttributes ?? {}).filter(([attribute]) => !KNOWN_CATEGORY.has(attribute)),
  );
  return el('category', checkedAttributes({ ...known, ...rest }));
}

/** The XmlData document for `list` (UTF-8); names must be unique, ranges as Outlook's. */
export function categoryListXml(list: MasterCategoryList, now: Date = new Date()): Uint8Array {
  if (typeof list !== 'object' || list === null || !Array.isArray(list.categories))
    throw invalid('expected { categories: [...] }');
  const seen = new Set<string>();
  for (const category of list.categories) {
    const key = typeof category?.name === 'string' ? category.name.toLowerCase() : '';
    if (seen.has(key)) throw invalid(`the name '${category.name}' is used twice`);
    seen.add(key);
  }
  if (list.default !== undefined && !seen.has(list.default.toLowerCase()))
    throw invalid(`the default category '${list.default}' is not in the list`);
  const rootOthers = Object.fromEntries(
    Object.entries(list.otherAttributes ?? {}).filter(([attribute]) => attribute !== 'default'),
  );
  const root = checkedAttributes({ default: list.default, ...rootOthers });
  const body = list.categories.map((category, index) => categoryXml(category, index, now));
  const document = el('categories', { ...root, xmlns: CATEGORY_LIST_NAMESPACE }, body);
  return new TextEncoder().encode(`${CATEGORY_LIST_DECLARATION}${document.xml}`);
}
