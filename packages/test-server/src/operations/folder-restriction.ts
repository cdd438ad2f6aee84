import type { FolderCounts } from '../render/render-folder.js';
import type { StoredFolder } from '../store/item-model.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

/**
 * FindFolder's t:Restriction over folders. A small evaluator of its own over a getter table, kept
 * apart from the item evaluator (query/restriction.ts) on purpose: the two should meet in one
 * evaluator that takes a getter per path (items, folders, extended properties); until then, this
 * file is the folder side of that join.
 */

/** What a folder restriction looks at: the folder and its counts. */
export interface FolderSubject {
  readonly folder: StoredFolder;
  readonly counts: FolderCounts;
}

type Value = string | number | undefined;
type Getter = (subject: FolderSubject) => Value;

// The folder paths FindFolder can search, by FieldURI (BaseFolderType/FolderType's searchable fields).
const FOLDER_GETTERS: Readonly<Record<string, Getter>> = {
  'folder:DisplayName': (s) => s.folder.displayName,
  'folder:FolderClass': (s) => s.folder.folderClass,
  'folder:TotalCount': (s) => s.counts.total,
  'folder:ChildFolderCount': (s) => s.counts.childFolders,
  'folder:UnreadCount': (s) => s.counts.unread,
};

export type FolderPredicate = (subject: FolderSubject) => boolean;

const PATH_NAMES = new Set(['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI']);

function getterFor(el: XmlElement, code = 'ErrorUnsupportedPathForQuery'): Getter {
  const path = el.children.find((c) => PATH_NAMES.has(c.name));
  if (path === undefined)
    throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs a property path.`);
  const getter = path.name === 'FieldURI' ? FOLDER_GETTERS[path.attrs.FieldURI ?? ''] : undefined;
  if (getter === undefined) {
    throw new ResponseError(code, `${path.attrs.FieldURI ?? path.name} cannot be searched on folders.`);
  }
  return getter;
}

// Strings compare case-insensitively, as Exchange's collation does; numbers as numbers.
function compare(a: string | number, b: string): number {
  if (typeof a === 'number') {
    const n = Number(b);
    if (b.trim() === '' || Number.isNaN(n)) {
      throw new ResponseError('ErrorInvalidValueForProperty', `Not a number: ${b.slice(0, 64)}.`);
    }
    return a - n;
  }
  return a.localeCompare(b, 'en', { sensitivity: 'accent' });
}

const COMPARISONS: Readonly<Record<string, (order: number) => boolean>> = {
  IsEqualTo: (o) => o === 0,
  IsNotEqualTo: (o) => o !== 0,
  IsGreaterThan: (o) => o > 0,
  IsGreaterThanOrEqualTo: (o) => o >= 0,
  IsLessThan: (o) => o < 0,
  IsLessThanOrEqualTo: (o) => o <= 0,
};

function comparison(el: XmlElement, verdict: (order: number) => boolean): FolderPredicate {
  const read = getterFor(el);
  const operand = child(el, 'FieldURIOrConstant');
  const constant = child(operand, 'Constant')?.attrs.Value;
  const otherPath = operand?.children.find((c) => PATH_NAMES.has(c.name));
  const readOther = otherPath === undefined ? undefined : getterFor(operand as XmlElement);
  if (constant === undefined && readOther === undefined) {
    throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs FieldURIOrConstant.`);
  }
  return (subject) => {
    const value = read(subject);
    const other = readOther === undefined ? constant : readOther(subject);
    // A folder without the property matches no comparison, as Exchange's store does.
    if (value === undefined || other === undefined) return false;
    return verdict(compare(value, String(other)));
  };
}

function contains(el: XmlElement): FolderPredicate {
  const read = getterFor(el);
  const mode = el.attrs.ContainmentMode ?? 'FullString';
  const ignoreCase = /IgnoreCase|Loose/.test(el.attrs.ContainmentComparison ?? 'Exact');
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const needle = norm(child(el, 'Constant')?.attrs.Value ?? '');
  return (subject) => {
    const value = read(subject);
    if (value === undefined) return false;
    const hay = norm(String(value));
    if (mode === 'FullString') return hay === needle;
    if (mode === 'Prefixed') return hay.startsWith(needle);
    if (mode === 'PrefixOnWords') return hay.split(/\s+/).some((word) => word.startsWith(needle));
    return hay.includes(needle);
  };
}

/** Compiles a t:Restriction's single child; parts this server cannot search raise response errors. */
export function compileFolderRestriction(el: XmlElement): FolderPredicate {
  const verdict = COMPARISONS[el.name];
  if (verdict !== undefined) return comparison(el, verdict);
  switch (el.name) {
    case 'And':
    case 'Or': {
      const parts = el.children.map(compileFolderRestriction);
      if (parts.length === 0)
        throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs operands.`);
      return el.name === 'And' ? (s) => parts.every((p) => p(s)) : (s) => parts.some((p) => p(s));
    }
    case 'Not': {
      const inner = el.children[0];
      if (inner === undefined) throw new ResponseError('ErrorInvalidRestriction', 'Not needs an operand.');
      const part = compileFolderRestriction(inner);
      return (s) => !part(s);
    }
    case 'Exists': {
      const read = getterFor(el, 'ErrorInvalidPropertyForExists');
      return (s) => read(s) !== undefined;
    }
    case 'Contains':
      return contains(el);
    default:
      throw new ResponseError(
        'ErrorUnsupportedQueryFilter',
        `The restriction ${el.name} is not supported on folders.`,
      );
  }
}
