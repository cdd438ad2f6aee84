import {
  type ExtendedPropertyHolder,
  findExtendedProperty,
  parseExtendedPath,
} from '../store/extended-properties.js';
import { childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';

/**
 * ItemType's elements before t:ExtendedProperty (types.xsd, MimeContent … HasAttachments); every other
 * item property comes after it. A test checks this list against the schema.
 */
export const ITEM_URIS_BEFORE_EXTENDED: ReadonlySet<string> = new Set([
  'item:MimeContent',
  'item:ItemId',
  'item:ParentFolderId',
  'item:ItemClass',
  'item:Subject',
  'item:Sensitivity',
  'item:Body',
  'item:Attachments',
  'item:DateTimeReceived',
  'item:Size',
  'item:Categories',
  'item:Importance',
  'item:InReplyTo',
  'item:IsSubmitted',
  'item:IsDraft',
  'item:IsFromMe',
  'item:IsResend',
  'item:IsUnmodified',
  'item:InternetMessageHeaders',
  'item:DateTimeSent',
  'item:DateTimeCreated',
  'item:ResponseObjects',
  'item:ReminderDueBy',
  'item:ReminderIsSet',
  'item:ReminderNextTime',
  'item:ReminderMinutesBeforeStart',
  'item:DisplayCc',
  'item:DisplayTo',
  'item:DisplayBcc',
  'item:HasAttachments',
]);

/** BaseFolderType's elements before t:ExtendedProperty (FolderId … ChildFolderCount). */
export const FOLDER_URIS_BEFORE_EXTENDED: ReadonlySet<string> = new Set([
  'folder:FolderId',
  'folder:ParentFolderId',
  'folder:FolderClass',
  'folder:DisplayName',
  'folder:TotalCount',
  'folder:ChildFolderCount',
]);

/** The ExtendedFieldURI paths an ItemShape/FolderShape's AdditionalProperties names (parsed when rendered). */
export function extendedPathsIn(additionalProperties: XmlElement | undefined): readonly XmlElement[] {
  return childrenNamed(additionalProperties, 'ExtendedFieldURI');
}

/**
 * The t:ExtendedProperty elements for the paths a shape names, for those the holder has. Exchange returns
 * an extended property only when asked for it (AllProperties does not include them), with the path in
 * its canonical form; a property named twice (say by hex and by decimal tag) is written once.
 */
export function renderExtendedProperties(
  holder: ExtendedPropertyHolder,
  paths: readonly XmlElement[] | undefined,
): XmlContent {
  if (paths === undefined || paths.length === 0) return undefined;
  const written = new Set<string>();
  const out: XmlContent[] = [];
  for (const pathEl of paths) {
    const path = parseExtendedPath(pathEl);
    if (written.has(path.key)) continue;
    written.add(path.key);
    const prop = findExtendedProperty(holder, path);
    if (prop === undefined) continue;
    const value =
      typeof prop.value === 'string'
        ? textEl('t:Value', prop.value)
        : el(
            't:Values',
            null,
            prop.value.map((v) => textEl('t:Value', v)),
          );
    out.push(el('t:ExtendedProperty', null, el('t:ExtendedFieldURI', path.answerAttrs), value));
  }
  return out;
}

/**
 * Writes fields in wire order with the extended properties in their schema place: after the fields
 * named in `before`, ahead of the first field that is not.
 */
export function withExtendedProperties<F extends { readonly uri: string }>(
  fields: readonly F[],
  before: ReadonlySet<string>,
  write: (field: F) => XmlContent,
  extended: XmlContent,
): XmlContent[] {
  const at = fields.findIndex((f) => !before.has(f.uri));
  const split = at === -1 ? fields.length : at;
  return [...fields.slice(0, split).map(write), extended, ...fields.slice(split).map(write)];
}
