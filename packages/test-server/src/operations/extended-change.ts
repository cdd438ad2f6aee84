import {
  deleteExtendedProperty,
  type ExtendedPropertyHolder,
  parseExtendedPath,
  readExtendedUpdate,
  setExtendedProperty,
} from '../store/extended-properties.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

/** What UpdateItem/UpdateFolder do with one change whose path is a t:ExtendedFieldURI. */
export interface ExtendedChange {
  readonly uri: string;
  readonly value: undefined;
  readonly apply: (holder: ExtendedPropertyHolder) => void;
}

/**
 * SetItemField/SetFolderField sets the one t:ExtendedProperty its item or folder holds; DeleteItemField/
 * DeleteFolderField removes it; Append has no meaning for an extended property (ErrorInvalidPropertyAppend).
 * Read before anything changes, so a bad value fails the whole change.
 */
export function extendedChange(update: XmlElement, pathEl: XmlElement): ExtendedChange {
  const path = parseExtendedPath(pathEl);
  const uri = `ExtendedFieldURI ${path.key}`;
  if (update.name === 'DeleteItemField' || update.name === 'DeleteFolderField') {
    return { uri, value: undefined, apply: (holder) => deleteExtendedProperty(holder, path) };
  }
  if (update.name === 'AppendToItemField' || update.name === 'AppendToFolderField') {
    throw new ResponseError('ErrorInvalidPropertyAppend', 'An extended property does not support append.');
  }
  const holderEl = update.children.find((c) => c !== pathEl);
  const prop = readExtendedUpdate(pathEl, holderEl);
  return { uri, value: undefined, apply: (holder) => setExtendedProperty(holder, prop) };
}
