import {
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
} from '@ews/core';
import {
  accountWindowsZone,
  type ExchangeVersion,
  type InferModel,
  type MeetingZone,
  type Model,
  meetingWithTimeZones,
  toXml,
} from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { zoneAskedOnce } from '../internal/meeting-zone.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import { nameOf, requiredChild, requiredItemRef } from './item-id-results.js';

/** How messages are sent (MessageDisposition). */
export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';
/** Who hears about a new meeting (SendMeetingInvitations). */
export type SendMeetingInvitations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';

interface CreateItemBase<M extends Model> {
  readonly model: M;
  readonly items: readonly InferModel<M>[];
  readonly version: ExchangeVersion;
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
  /**
   * The Windows zone new meetings are written in when they name none (StartTimeZone/EndTimeZone):
   * the Account passes its own; default the host's zone (EWS_INVALID_ARGUMENT when it has no
   * Windows id).
   */
  readonly meetingTimeZone?: MeetingZone | undefined;
}

/**
 * Where the new items land is always named: `savedItemFolder`, naming its mailbox (see
 * `MailboxFolderRef`), is required unless `messageDisposition` is `SendOnly`, which keeps no copy
 * and names no folder. Without SavedItemFolderId Exchange would pick the signed-in user's own
 * default folder, which under delegate access is not the mailbox being worked on.
 */
export type CreateItemParams<M extends Model> = CreateItemBase<M> &
  (
    | { readonly messageDisposition: 'SendOnly'; readonly savedItemFolder?: undefined }
    | {
        readonly messageDisposition?: 'SaveOnly' | 'SendAndSaveCopy' | undefined;
        readonly savedItemFolder: MailboxFolderRef;
      }
  );

export function buildCreateItem<M extends Model>(params: CreateItemParams<M>): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('CreateItem needs at least one item');
  const attributes = {
    MessageDisposition: params.messageDisposition,
    SendMeetingInvitations: params.sendMeetingInvitations,
  };
  const zone = zoneAskedOnce(params.meetingTimeZone ?? hostMeetingZone);
  const items = params.items.map((item, index) => {
    const zoned = meetingWithTimeZones(params.model, item, zone, params.version, `CreateItem item ${index}`);
    return toXml(params.model, zoned, { version: params.version });
  });
  return el('m:CreateItem', attributes, [savedItemFolderXml(params), el('m:Items', {}, items)]);
}

/** The host's Windows zone: what a meeting is written in when neither it nor its account names one. */
export const hostMeetingZone: MeetingZone = () => accountWindowsZone(undefined);

/** `<m:SavedItemFolderId>`, required unless SendOnly (CreateItem docs: SendOnly saves no copy, in no folder). */
function savedItemFolderXml(params: {
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly savedItemFolder?: MailboxFolderRef | undefined;
}): XmlFragment | undefined {
  if (params.messageDisposition === 'SendOnly') {
    if (params.savedItemFolder !== undefined)
      throw new EwsInvalidArgumentError('CreateItem: SendOnly keeps no copy, so it takes no savedItemFolder');
    return undefined;
  }
  if (params.savedItemFolder === undefined) {
    throw new EwsInvalidArgumentError(
      "CreateItem needs savedItemFolder: without it Exchange saves in the signed-in user's own default folder",
    );
  }
  return el('m:SavedItemFolderId', {}, targetFolderIdXml(params.savedItemFolder, 'CreateItem'));
}

/** The item elements of t:ArrayOfRealItemsType: what a CreateItem answer may name. */
export const CREATED_ITEM_KINDS = [
  'Item',
  'Message',
  'SharingMessage',
  'CalendarItem',
  'Contact',
  'DistributionList',
  'MeetingMessage',
  'MeetingRequest',
  'MeetingResponse',
  'MeetingCancellation',
  'Task',
  'PostItem',
  'RoleMember',
  'Network',
  'Person',
] as const;

export type CreatedItemKind = (typeof CREATED_ITEM_KINDS)[number];

const KINDS: ReadonlySet<string> = new Set(CREATED_ITEM_KINDS);

/** An item a CreateItem answer names: its id, and what it is (its element, e.g. `CalendarItem`). */
export interface CreatedItem extends ItemRef {
  readonly kind: CreatedItemKind;
}

/**
 * One outcome per entry of the request, in request order: every item the server names for that
 * entry, each with its kind. A plain item names one (none when a message is sent without a saved
 * copy); a response object may name several: accepting or proposing a new time answers with the
 * calendar item and the meeting response (exchangelib issue 886, Microsoft's ProposeNewTime
 * example). Every item must carry its ItemId, and be an item element of the schema.
 */
export function readCreatedItems(
  response: EwsResponse,
  sent: number,
): readonly Outcome<readonly CreatedItem[]>[] {
  return readOutcomes(response, 'CreateItem', sent, (message): Outcome<readonly CreatedItem[]> => {
    const items = children(requiredChild(message.node, 'Items', 'CreateItem')).map((item): CreatedItem => {
      if (!KINDS.has(item.name))
        throw new EwsProtocolError(`CreateItem answered an unknown item element <${nameOf(item)}>`, {
          operation: 'CreateItem',
        });
      return { kind: item.name as CreatedItemKind, ...requiredItemRef(item, 'CreateItem') };
    });
    return { ok: true, value: items };
  });
}

/**
 * One outcome per item in request order: the new item's id, or the server's error. A message sent
 * without a saved copy has no id (`undefined`). An answer naming several items for one plain item
 * fails that entry (EWS_PROTOCOL, fate executed): CreateItem makes one item per item sent, so which
 * of them is the new one cannot be told; response objects, which may name several, are read with
 * `readCreatedItems`.
 */
export function readCreateItem(response: EwsResponse, sent: number): readonly Outcome<ItemRef | undefined>[] {
  return readCreatedItems(response, sent).map((outcome): Outcome<ItemRef | undefined> => {
    if (!outcome.ok) return outcome;
    const [first, ...rest] = outcome.value;
    if (first === undefined) return { ok: true, value: undefined };
    if (rest.length > 0)
      return protocolFailure(
        'CreateItem',
        `CreateItem answered ${outcome.value.length} items (${outcome.value
          .slice(0, 4)
          .map((item) => item.kind)
          .join(', ')}) for one new item`,
      );
    const { id, changeKey } = first;
    return { ok: true, value: changeKey === undefined ? { id } : { id, changeKey } };
  });
}
