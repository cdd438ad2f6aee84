import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import {
  type Attachment,
  attachments,
  type ExchangeVersion,
  type FileAttachment,
  fileAttachmentXml,
} from '@ews/models';
import { itemIdAs } from '../internal/ids.js';
import { STREAMED_CONTENT_SLOT, type StreamedFragmentBody, streamedBody } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
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

export function buildCreateAttachment(params: CreateAttachmentParams): XmlFragment {
  if (params.attachments.length === 0)
    throw new EwsInvalidArgumentError('CreateAttachment needs at least one attachment');
  const list = attachments.writeElement(
    'm:Attachments',
    [...params.attachments],
    { version: params.version, mode: 'create' },
    'CreateAttachment',
  );
  // ParentItemId is an ItemIdType under another name.
  const parent = itemIdAs('m:ParentItemId', params.parent, 'CreateAttachment');
  return el('m:CreateAttachment', {}, [parent, list]);
}

/**
 * The CreateAttachment request for one file attachment whose base64 bytes are streamed: built
 * whole with core's builder, the FileAttachment's Content holding the streamed-content slot
 * (models' `fileAttachmentXml`), then split around that slot.
 */
export function buildStreamedCreateAttachment(
  parent: ItemRef,
  attachment: Omit<FileAttachment, 'content'>,
  version: ExchangeVersion,
  content: StreamedFragmentBody['content'],
): StreamedFragmentBody {
  const whole = el('m:CreateAttachment', {}, [
    itemIdAs('m:ParentItemId', parent, 'CreateAttachment'),
    el('m:Attachments', {}, fileAttachmentXml(attachment, STREAMED_CONTENT_SLOT, { version })),
  ]);
  return streamedBody(whole, content);
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
