import { type CallOptions, children } from '@ews/core';
import {
  type AttachedItemNode,
  type Attachment,
  attachments as attachmentsKind,
  type FileAttachment,
  ItemModel,
  itemShape,
} from '@ews/models';
import { onlyOutcome } from '../internal/messages.js';
import { send, sendStream } from '../internal/send.js';
import { readWholeResponse } from '../internal/streamed-response.js';
import {
  type AttachmentRef,
  buildCreateAttachment,
  buildStreamedCreateAttachment,
  readCreateAttachment,
} from '../operations/create-attachment.js';
import { buildDeleteAttachment, readDeleteAttachment } from '../operations/delete-attachment.js';
import { buildGetAttachment, readGetAttachment } from '../operations/get-attachment.js';
import { buildGetItem, readGetItem } from '../operations/get-item.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import { attachmentContent } from './attachment-download.js';
import { type ByteSource, encodeBase64Stream } from './base64-stream.js';
import type { StreamingAccountContext } from './streaming-account.js';

/** A file to attach: its bytes at once, or a stream that is never held whole in memory. */
export interface FileAttachmentInput {
  readonly name: string;
  readonly contentType?: string | undefined;
  readonly contentId?: string | undefined;
  readonly isInline?: boolean | undefined;
  /**
   * The bytes; or an (async) iterable of chunks, streamed into the request; or a function that
   * opens such a stream, which can then be sent again when a retry or an auth round needs it.
   */
  readonly content: Uint8Array | ByteSource | (() => ByteSource);
}

/** An item to attach (a Message, a CalendarItem…), made with `attachedItem` from @ews/models. */
export interface ItemAttachmentInput {
  readonly name: string;
  readonly item: AttachedItemNode;
}

/**
 * The attachments of an account's items: list, add (files streamed from any byte source, or
 * items), read whole, download as a stream, delete. Reach it as `account.attachments`.
 */
export class Attachments {
  readonly account: StreamingAccountContext;

  constructor(account: StreamingAccountContext) {
    this.account = account;
  }

  /** The attachments of an item, without their content (GetItem with `item:Attachments`). */
  async list(item: ItemRef, options: CallOptions = {}): Promise<readonly Attachment[]> {
    const shape = itemShape(ItemModel, {
      version: this.account.version,
      baseShape: 'IdOnly',
      fields: ['attachments'],
      operation: 'GetItem',
    }).xml;
    const response = await send(this.account, 'GetItem', buildGetItem({ items: [item], shape }), options);
    const outcome = onlyOutcome(readGetItem(response, 1), 'GetItem');
    const list = children(outcome, 'Attachments')[0];
    return list === undefined ? [] : attachmentsKind.readElement(list, 'Item.Attachments');
  }

  /** One attachment with its content, read whole; use `download` for large files. */
  async get(attachmentId: string, options: CallOptions = {}): Promise<Attachment> {
    const body = buildGetAttachment({ attachments: [attachmentId] });
    return onlyOutcome(
      readGetAttachment(await send(this.account, 'GetAttachment', body, options), 1),
      'GetAttachment',
    );
  }

  /**
   * A file attachment's bytes as they arrive: the answer is decoded while it is read, and the
   * socket waits while the loop is behind, so memory stays bounded whatever the file's size.
   * Leaving the loop early stops the download.
   */
  async *download(
    attachmentId: string,
    options: CallOptions = {},
  ): AsyncGenerator<Uint8Array, void, undefined> {
    const body = buildGetAttachment({ attachments: [attachmentId] });
    const response = await sendStream(this.account, 'GetAttachment', body, options);
    yield* attachmentContent(response.body);
  }

  /** Attaches a file; a stream is base64-encoded chunk by chunk into the request. */
  async addFile(
    parent: ItemRef,
    input: FileAttachmentInput,
    options: CallOptions = {},
  ): Promise<AttachmentRef> {
    const { content, ...fields } = input;
    const given = Object.entries(fields).filter(([, value]) => value !== undefined);
    const metadata = { type: 'FileAttachment', ...Object.fromEntries(given) } as Omit<
      FileAttachment,
      'content'
    >;
    if (content instanceof Uint8Array) {
      const body = buildCreateAttachment({
        parent,
        attachments: [{ ...metadata, content }],
        version: this.account.version,
      });
      return onlyOutcome(
        readCreateAttachment(await send(this.account, 'CreateAttachment', body, options), 1),
        'CreateAttachment',
      );
    }
    const base64 =
      typeof content === 'function' ? () => encodeBase64Stream(content()) : encodeBase64Stream(content);
    const body = buildStreamedCreateAttachment(parent, metadata, this.account.version, base64);
    const response = await sendStream(this.account, 'CreateAttachment', body, options);
    return onlyOutcome(
      readCreateAttachment(await readWholeResponse(response.body, 'CreateAttachment'), 1),
      'CreateAttachment',
    );
  }

  /** Attaches an item (`attachedItem(MessageModel, { subject }, { version })`). */
  async addItem(
    parent: ItemRef,
    input: ItemAttachmentInput,
    options: CallOptions = {},
  ): Promise<AttachmentRef> {
    const body = buildCreateAttachment({
      parent,
      attachments: [{ type: 'ItemAttachment', name: input.name, item: input.item }],
      version: this.account.version,
    });
    return onlyOutcome(
      readCreateAttachment(await send(this.account, 'CreateAttachment', body, options), 1),
      'CreateAttachment',
    );
  }

  /** Deletes attachments; one result per id: the parent item with its new change key. */
  async delete(
    attachmentIds: readonly string[],
    options: CallOptions = {},
  ): Promise<readonly Outcome<ItemRef | undefined>[]> {
    const body = buildDeleteAttachment({ attachments: attachmentIds });
    return readDeleteAttachment(
      await send(this.account, 'DeleteAttachment', body, options),
      attachmentIds.length,
    );
  }
}
