import { extendedPathReader } from '../query/extended-path-reader.js';
import type { PathReader, PathResolver } from '../query/path-reader.js';
import { compileRestrictionWith } from '../query/restriction.js';
import type { FolderCounts } from '../render/render-folder.js';
import type { StoredFolder } from '../store/item-model.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

/**
 * FindFolder's t:Restriction over folders: the item evaluator (query/restriction.ts) with a resolver
 * for folder paths, so both search with one set of semantics; extended properties are read as on items.
 */

/** What a folder restriction looks at: the folder and its counts. */
export interface FolderSubject {
  readonly folder: StoredFolder;
  readonly counts: FolderCounts;
}

export type FolderPredicate = (subject: FolderSubject) => boolean;

const text = (read: (s: FolderSubject) => string | undefined): PathReader<FolderSubject> => ({ read });

// Numbers compare as numbers; a constant that is not one is refused before any folder is looked at.
const count = (read: (s: FolderSubject) => number): PathReader<FolderSubject> => ({
  read,
  constant: (value) => {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n)) {
      throw new ResponseError('ErrorInvalidValueForProperty', `Not a number: ${value.slice(0, 64)}.`);
    }
    return n;
  },
});

// The folder paths FindFolder can search, by FieldURI (BaseFolderType/FolderType's searchable fields).
const FOLDER_PATHS: Readonly<Record<string, PathReader<FolderSubject>>> = {
  'folder:DisplayName': text((s) => s.folder.displayName),
  'folder:FolderClass': text((s) => s.folder.folderClass),
  'folder:TotalCount': count((s) => s.counts.total),
  'folder:ChildFolderCount': count((s) => s.counts.childFolders),
  'folder:UnreadCount': count((s) => s.counts.unread),
};

const folderPath: PathResolver<FolderSubject> = (path, error) => {
  if (path.name === 'ExtendedFieldURI') return extendedPathReader(path, (s: FolderSubject) => s.folder);
  const reader = path.name === 'FieldURI' ? FOLDER_PATHS[path.attrs.FieldURI ?? ''] : undefined;
  if (reader === undefined) {
    throw new ResponseError(error, `${path.attrs.FieldURI ?? path.name} cannot be searched on folders.`);
  }
  return reader;
};

/** Compiles a t:Restriction's single child; parts this server cannot search raise response errors. */
export function compileFolderRestriction(el: XmlElement): FolderPredicate {
  return compileRestrictionWith(el, folderPath);
}
