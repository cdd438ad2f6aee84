import { EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type Attachment, attachments, type ExchangeVersion } from '@ews/models';
import { type ItemRef, itemIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { itemRefOf, ROOT_ITEM_ATTRIBUTES, readRequiredIds } from './item-id-results.js';

/** Where an attachment lives: its id, and the item it belongs to with that item's new change key. */
export interface AttachmentRef {
  readonly id: string;
  readonly rootItemId?: string | undefined;
  readonly rootItemChangeKey?: string | undefined;
}

export interface CreateAttachmentParams {
  readonly parent: ItemRef;
  /** File attachments (with `content`) and item attachments (with `item`, see `attachedItem`). */
  readonly attachments: readonly Attachment[];
  readonly version: ExchangeVersion;
}

export function buildCreateAttachment(params: CreateAttachmentParams): string {
  if (params.attachments.length === 0)
    throw new EwsInvalidArgumentError('CreateAttachment needs at least one attachment');
  const list = attachments.writeElement(
    'm:Attachments',
    [...params.attachments],
    { version: params.version, mode: 'create' },
    'CreateAttachment',
  ).xml;
  // ParentItemId is an ItemIdType under another name.
  const parent = itemIdXml(params.parent, 'CreateAttachment').replace('<t:ItemId', '<m:ParentItemId');
  return `<m:CreateAttachment>${parent}${list}</m:CreateAttachment>`;
}

/**
 * The CreateAttachment request around one file attachment whose bytes are streamed: the text
 * before the base64 content and the text after it. `Content` is the last element of a
 * FileAttachment, so the content goes just before its closing tag.
 */
export function buildCreateAttachmentAround(
  parent: ItemRef,
  attachment: Omit<Attachment & { type: 'FileAttachment' }, 'content'>,
  version: ExchangeVersion,
): { readonly before: string; readonly after: string } {
  const whole = buildCreateAttachment({ parent, attachments: [attachment], version });
  const close = '</t:FileAttachment>';
  const at = whole.lastIndexOf(close);
  if (at < 0) throw new EwsInvalidArgumentError('A streamed attachment needs at least a name');
  return { before: `${whole.slice(0, at)}<t:Content>`, after: `</t:Content>${whole.slice(at)}` };
}

/**
 * One outcome per attachment in request order (`sent`: how many attachments the request named):
 * its new id (and the parent's new change key).
 */
export function readCreateAttachment(response: EwsResponse, sent: number): readonly Outcome<AttachmentRef>[] {
  return readRequiredIds(
    response,
    'CreateAttachment',
    sent,
    { container: 'Attachments', idElement: 'AttachmentId' },
    ({ id }, node) => {
      // The parent item is optional on t:AttachmentIdType.
      const root = itemRefOf(node, ROOT_ITEM_ATTRIBUTES);
      return { id, rootItemId: root?.id, rootItemChangeKey: root?.changeKey };
    },
  );
}
