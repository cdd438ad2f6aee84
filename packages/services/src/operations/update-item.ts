import { EwsInvalidArgumentError, type EwsResponse, el, fragments, type XmlFragment } from '@ews/core';
import {
  checkDistinctExtendedFields,
  deleteExtendedPropertyXml,
  type ExchangeVersion,
  type ExtendedFieldPath,
  type ExtendedProperty,
  type InferModel,
  type MeetingZone,
  type Model,
  setExtendedPropertyXml,
  toXml,
  withMeetingTimeZones,
} from '@ews/models';
import { itemIdXml, targetFolderIdXml } from '../internal/ids.js';
import { zoneAskedOnce } from '../internal/meeting-zone.js';
import { fieldUriXml } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef, ItemRef, MailboxFolderRef } from '../refs.js';
import { hostMeetingZone, type MessageDisposition } from './create-item.js';
import { readRequiredIds } from './item-id-results.js';

export type ConflictResolution = 'NeverOverwrite' | 'AutoResolve' | 'AlwaysOverwrite';
export type SendMeetingInvitationsOrCancellations =
  | 'SendToNone'
  | 'SendOnlyToAll'
  | 'SendOnlyToChanged'
  | 'SendToAllAndSaveCopy'
  | 'SendToChangedAndSaveCopy';

/** One item's changes: fields set to a value are written, fields set to `undefined` are deleted. */
export interface ItemChange<M extends Model> {
  readonly item: AnyItemRef;
  /**
   * `extendedProperties` sets each property given (one SetItemField per property, addressed by its
   * ExtendedFieldURI); properties not listed are left alone. Remove them with `deleteExtendedProperties`.
   */
  readonly changes: { readonly [K in keyof InferModel<M>]?: InferModel<M>[K] | undefined };
  /** Extended properties to remove (DeleteItemField with their ExtendedFieldURI). */
  readonly deleteExtendedProperties?: readonly ExtendedFieldPath[] | undefined;
}

export interface UpdateItemParams<M extends Model> {
  readonly model: M;
  readonly changes: readonly ItemChange<M>[];
  readonly version: ExchangeVersion;
  readonly conflictResolution?: ConflictResolution | undefined;
  /** Messages: `SendOnly` / `SendAndSaveCopy` send the updated message. */
  readonly messageDisposition?: MessageDisposition | undefined;
  /**
   * Where `SendAndSaveCopy` keeps the sent message, naming its mailbox; required with it (without
   * SavedItemFolderId Exchange keeps it in the signed-in user's own Sent Items), refused otherwise.
   */
  readonly savedItemFolder?: MailboxFolderRef | undefined;
  readonly sendMeetingInvitationsOrCancellations?: SendMeetingInvitationsOrCancellations | undefined;
  /**
   * The Windows zone a changed Start/End is written in when the change names no StartTimeZone/
   * EndTimeZone (exchangelib sends the zone fields with every start/end update): the Account passes
   * its own; default the host's.
   */
  readonly meetingTimeZone?: MeetingZone | undefined;
}

export function buildUpdateItem<M extends Model>(params: UpdateItemParams<M>): XmlFragment {
  if (params.changes.length === 0) throw new EwsInvalidArgumentError('UpdateItem needs at least one change');
  const attributes = {
    ConflictResolution: params.conflictResolution ?? 'AutoResolve',
    MessageDisposition: params.messageDisposition,
    SendMeetingInvitationsOrCancellations: params.sendMeetingInvitationsOrCancellations,
  };
  const zone = zoneAskedOnce(params.meetingTimeZone ?? hostMeetingZone);
  const changes = params.changes.map((change, index) => itemChangeXml(params, change, index, zone));
  return el('m:UpdateItem', attributes, [updateSavedFolderXml(params), el('m:ItemChanges', {}, changes)]);
}

function updateSavedFolderXml(params: {
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly savedItemFolder?: MailboxFolderRef | undefined;
}): XmlFragment | undefined {
  const keeps = params.messageDisposition === 'SendAndSaveCopy';
  if (keeps && params.savedItemFolder === undefined) {
    throw new EwsInvalidArgumentError(
      "UpdateItem with SendAndSaveCopy needs savedItemFolder: without it Exchange keeps the copy in the signed-in user's own Sent Items",
    );
  }
  if (!keeps && params.savedItemFolder !== undefined) {
    throw new EwsInvalidArgumentError(
      'UpdateItem: savedItemFolder is where SendAndSaveCopy keeps the sent copy',
    );
  }
  return params.savedItemFolder === undefined
    ? undefined
    : el('m:SavedItemFolderId', {}, targetFolderIdXml(params.savedItemFolder, 'UpdateItem'));
}

function itemChangeXml<M extends Model>(
  params: UpdateItemParams<M>,
  change: ItemChange<M>,
  index: number,
  zone: MeetingZone,
): XmlFragment {
  const values = withMeetingTimeZones(
    params.model,
    change.changes as Record<string, unknown>,
    zone,
    params.version,
    `UpdateItem change ${index}`,
  );
  const fields = Object.keys(values);
  const removals = change.deleteExtendedProperties ?? [];
  if (fields.length === 0 && removals.length === 0)
    throw new EwsInvalidArgumentError('An item change must change at least one field');
  checkDistinctExtendedFields(
    [...extendedPathsOf(values.extendedProperties), ...removals],
    `UpdateItem change ${index}`,
  );
  // Updates follow the model's field order, which is what Exchange expects on the wire.
  const updates = params.model.fields
    .filter((def) => fields.includes(def.name))
    .map((def) => {
      const value = values[def.name];
      if (def.name === 'extendedProperties') return extendedPropertiesXml(params, value);
      if (def.fieldUri === undefined || def.flags.readOnly) {
        throw new EwsInvalidArgumentError(`${params.model.name}.${def.name} cannot be updated`);
      }
      if (value === undefined) return el('t:DeleteItemField', {}, fieldUriXml(def.fieldUri));
      const element = toXml(params.model, { [def.name]: value } as InferModel<M>, {
        version: params.version,
      });
      return el('t:SetItemField', {}, [fieldUriXml(def.fieldUri), element]);
    });
  if (updates.length !== fields.length) {
    const known = new Set(params.model.fields.map((def) => def.name));
    const unknown = fields.filter((name) => !known.has(name));
    throw new EwsInvalidArgumentError(`${params.model.name} has no field(s) ${unknown.join(', ')}`);
  }
  for (const path of removals) updates.push(deleteExtendedPropertyXml(params.model, path));
  return el('t:ItemChange', {}, [itemIdXml(change.item, 'UpdateItem'), el('t:Updates', {}, updates)]);
}

/**
 * The paths a change's `extendedProperties` sets (a value that is not a list is refused where it is
 * written, naming deleteExtendedProperties).
 */
export function extendedPathsOf(value: unknown): ExtendedFieldPath[] {
  return Array.isArray(value) ? (value as readonly ExtendedProperty[]).map((property) => property?.path) : [];
}

/** Extended properties have no FieldURI: each one is set on its own, addressed by its path. */
function extendedPropertiesXml<M extends Model>(params: UpdateItemParams<M>, value: unknown): XmlFragment {
  if (!Array.isArray(value)) {
    throw new EwsInvalidArgumentError(
      'extendedProperties must be a list of properties to set; remove them with deleteExtendedProperties',
    );
  }
  return fragments(
    (value as readonly ExtendedProperty[]).map((property) =>
      setExtendedPropertyXml(params.model, property, { version: params.version }),
    ),
  );
}

/**
 * One outcome per change in request order (`sent`: how many changes the request named): the
 * item's new id and change key, or the error.
 */
export function readUpdateItem(response: EwsResponse, sent: number): readonly Outcome<ItemRef>[] {
  return readRequiredIds(
    response,
    'UpdateItem',
    sent,
    { container: 'Items', idElement: 'ItemId' },
    (ref) => ref,
  );
}
