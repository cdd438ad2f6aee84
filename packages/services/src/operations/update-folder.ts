import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import {
  checkDistinctExtendedFields,
  deleteExtendedPropertyXml,
  type ExchangeVersion,
  type ExtendedFieldPath,
  type ExtendedProperty,
  FolderModel,
  type PermissionSet,
  setExtendedPropertyXml,
} from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { fieldUriXml } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { type FolderIdRef, readFolderIds } from './folder-id-results.js';
import { setPermissionSetXml } from './folder-permissions.js';
import { extendedPathsOf } from './update-item.js';

export interface FolderChange {
  /** The folder, naming its mailbox (see `MailboxFolderRef`). */
  readonly folder: MailboxFolderRef;
  readonly displayName?: string | undefined;
  readonly folderClass?: string | undefined;
  /** Extended properties to set (one SetFolderField each, addressed by its ExtendedFieldURI). */
  readonly extendedProperties?: readonly ExtendedProperty[] | undefined;
  /** Extended properties to remove (DeleteFolderField with their ExtendedFieldURI). */
  readonly deleteExtendedProperties?: readonly ExtendedFieldPath[] | undefined;
  /**
   * The folder's whole permission list, replaced: `permissions` for any folder, `calendarPermissions`
   * for a calendar folder (written in a t:CalendarFolder, as types.xsd has it).
   */
  readonly permissionSet?: PermissionSet | undefined;
}

export interface UpdateFolderParams {
  readonly changes: readonly FolderChange[];
  /** The RequestServerVersion the body is written for; needed to set extended properties. */
  readonly version?: ExchangeVersion | undefined;
}

/**
 * UpdateFolder with one SetFolderField per changed property (FolderClass, then DisplayName: schema
 * order), then the extended properties set and deleted. One change naming a property twice, in
 * whatever form (a DistinguishedPropertySetId and its GUID), is refused before anything is sent.
 */
export function buildUpdateFolder(params: UpdateFolderParams): XmlFragment {
  if (params.changes.length === 0)
    throw new EwsInvalidArgumentError('UpdateFolder needs at least one change');
  const changes = params.changes.map((change, index) => {
    const sets = change.extendedProperties ?? [];
    const removals = change.deleteExtendedProperties ?? [];
    if (!Array.isArray(sets) || !Array.isArray(removals))
      throw new EwsInvalidArgumentError('extendedProperties and deleteExtendedProperties must be lists');
    checkDistinctExtendedFields([...extendedPathsOf(sets), ...removals], `UpdateFolder change ${index}`);
    const updates = [
      setField('FolderClass', change.folderClass),
      setField('DisplayName', change.displayName),
      ...sets.map((property) =>
        setExtendedPropertyXml(FolderModel, property, { version: versionOf(params) }),
      ),
      ...removals.map((path) => deleteExtendedPropertyXml(FolderModel, path)),
      change.permissionSet === undefined
        ? undefined
        : setPermissionSetXml(change.permissionSet, versionOf(params)),
    ].filter((update) => update !== undefined);
    if (updates.length === 0)
      throw new EwsInvalidArgumentError(
        'A folder change needs a displayName or folderClass, a permissionSet, or extended properties to set or delete',
      );
    return el('t:FolderChange', {}, [
      targetFolderIdXml(change.folder, 'UpdateFolder'),
      el('t:Updates', {}, updates),
    ]);
  });
  return el('m:UpdateFolder', {}, el('m:FolderChanges', {}, changes));
}

function versionOf(params: UpdateFolderParams): ExchangeVersion {
  if (params.version === undefined)
    throw new EwsInvalidArgumentError('UpdateFolder needs the version to write extended property values for');
  return params.version;
}

function setField(
  property: 'FolderClass' | 'DisplayName',
  value: string | undefined,
): XmlFragment | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new EwsInvalidArgumentError(`${property} must be a non-empty string`);
  return el('t:SetFolderField', {}, [
    fieldUriXml(`folder:${property}`),
    el('t:Folder', {}, el(`t:${property}`, {}, value)),
  ]);
}

/**
 * One outcome per change in request order (`sent`: how many changes the request named): the
 * folder's id with its new change key.
 */
export function readUpdateFolder(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'UpdateFolder', sent);
}
