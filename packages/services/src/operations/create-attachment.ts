import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { type Attachment, attachments, type ExchangeVersion } from '@ews/models';
import { itemIdAs } from '../internal/ids.js';
import { aroundModelText, modelXml } from '../internal/xml.js';
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
  ).xml;
  // ParentItemId is an ItemIdType under another name.
  const parent = itemIdAs('m:ParentItemId', params.parent, 'CreateAttachment');
  return el('m:CreateAttachment', {}, [parent, modelXml(list)]);
}

// Three bytes whose base64 is `////`: the Content written in place of the streamed bytes.
const PLACEHOLDER_BYTES = new Uint8Array([0xff, 0xff, 0xff]);
const PLACEHOLDER_BASE64 = '////';

/**
 * The CreateAttachment request around one file attachment whose bytes are streamed: the XML
 * before the base64 content and the XML after it. The whole request is written with a
 * placeholder Content (`Content` is the last element of a FileAttachment, so the last element
 * holding exactly the placeholder is it), then cut around the placeholder.
 */
export function buildCreateAttachmentAround(
  parent: ItemRef,
  attachment: Omit<Attachment & { type: 'FileAttachment' }, 'content'>,
  version: ExchangeVersion,
): { readonly before: XmlFragment; readonly after: XmlFragment } {
  const whole = buildCreateAttachment({
    parent,
    attachments: [{ ...attachment, content: PLACEHOLDER_BYTES } as Attachment],
    version,
  });
  const around = aroundModelText(whole, PLACEHOLDER_BASE64);
  if (around === undefined) throw new EwsInvalidArgumentError('A streamed attachment needs at least a name');
  return around;
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
