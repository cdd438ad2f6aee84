import { type CallOptions, EwsInvalidArgumentError, EwsProtocolError, el } from '@ews/core';
import {
  type ExchangeVersion,
  type FieldName,
  type InferModel,
  itemShape,
  type Message,
  MessageModel,
  type Model,
  supportsVersion,
} from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { answerFolder } from '../account/default-folders.js';
import { bulkCreate, bulkDelete, bulkUpdate } from '../bulk/bulk.js';
import { bulkArchive, bulkCopy, bulkMarkAsJunk, bulkMove, bulkSend } from '../bulk/bulk-verbs.js';
import type { BulkResult } from '../bulk/run-chunks.js';
import { runChunks } from '../bulk/run-chunks.js';
import { callOptionsOf } from '../internal/call-deadline.js';
import { itemRefKind } from '../internal/ids.js';
import { readItemNode } from '../internal/item-classes.js';
import { onlyOutcome } from '../internal/messages.js';
import { send } from '../internal/send.js';
import {
  type CreatedItem,
  type MessageDisposition,
  readCreatedItems,
  type SendMeetingInvitations,
} from '../operations/create-item.js';
import type { DeleteType, SendMeetingCancellations } from '../operations/delete-item.js';
import { buildExportItems, type ExportedItem, readExportItems } from '../operations/export-items.js';
import { buildGetItem, readGetItem } from '../operations/get-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';
import {
  buildResponseItem,
  type ResponseObjectFields,
  type ResponseObjectKind,
} from '../operations/response-items.js';
import type {
  ConflictResolution,
  ItemChange,
  SendMeetingInvitationsOrCancellations,
} from '../operations/update-item.js';
import { buildUploadItems, readUploadItems, type UploadItem } from '../operations/upload-items.js';
import type { AnyItemRef, FolderTarget, ItemRef } from '../refs.js';
import { changedFields } from './changed-fields.js';
import { type ItemTarget, itemRefOf, type PlainItemTarget, plainItemRefOf } from './item-target.js';
import { completeTask } from './task-completion.js';

export interface SaveOptions<M extends Model> extends CallOptions {
  /** The item as it was read: only the fields that differ from it are sent. */
  readonly original?: InferModel<M> | undefined;
  /** Or name the fields to send (exchangelib's `update_fields`). */
  readonly updateFields?: readonly FieldName<M>[] | undefined;
  /**
   * Where a new item goes: a folder handle or a FolderRef (a distinguished one without a mailbox
   * is the account's). Default: the ACCOUNT's folder for its kind (Calendar, Contacts, Tasks,
   * Drafts), never the signed-in user's; Item and PostItem have none and need it.
   */
  readonly folder?: FolderTarget | undefined;
  readonly conflictResolution?: ConflictResolution | undefined;
  readonly messageDisposition?: MessageDisposition | undefined;
  /** For a new meeting (default SendToNone, exchangelib's). */
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
  /** For an updated meeting. */
  readonly sendMeetingInvitationsOrCancellations?: SendMeetingInvitationsOrCancellations | undefined;
}

export interface DeleteOptions extends CallOptions {
  readonly sendMeetingCancellations?: SendMeetingCancellations | undefined;
}

export interface SendOptions extends CallOptions {
  /** Keep a copy (default true): in the account's Sent Items, or in `folder`. */
  readonly saveCopy?: boolean | undefined;
  /** Where the copy goes; a distinguished folder without a mailbox is the account's. */
  readonly folder?: FolderTarget | undefined;
}

export interface RespondOptions extends CallOptions {
  /** Default `SendAndSaveCopy`; `SaveOnly` keeps the answer as a draft and returns its id. */
  readonly messageDisposition?: MessageDisposition | undefined;
  /**
   * Where the answer is kept: default the account's Sent Items (`SendAndSaveCopy`) or Drafts
   * (`SaveOnly`); a distinguished folder without a mailbox is the account's. `SendOnly` keeps none.
   */
  readonly folder?: FolderTarget | undefined;
}

/**
 * What can be done to one item: read it again, save only what changed, delete it three ways,
 * move, copy, archive, send, reply, forward, answer or cancel a meeting, export and upload it.
 * Reach it as `account.items`. Single-item methods throw the item's error; the `bulk*`
 * functions keep one result per item instead.
 */
export class ItemActions {
  readonly account: AccountContext;

  constructor(account: AccountContext) {
    this.account = account;
  }

  /**
   * One item by id with the model's fields (or only `fields`), via GetItem. `item`: an ItemRef,
   * the `itemId` an item carries, or the item itself (no cast needed).
   */
  async get<M extends Model>(
    model: M,
    item: ItemTarget,
    options: CallOptions & { readonly only?: readonly FieldName<M>[] | undefined } = {},
  ): Promise<InferModel<M>> {
    const ref = itemRefOf(item);
    const fields = options.only ?? everyField(model, this.account.version);
    const shape = itemShape(model, { version: this.account.version, operation: 'GetItem', fields }).xml;
    const response = await send(this.account, 'GetItem', buildGetItem({ items: [ref], shape }), options);
    return readItemNode(onlyOutcome(readGetItem(response, 1), 'GetItem')) as InferModel<M>;
  }

  /** The item as the server has it now (exchangelib's `refresh()`): a new object, same id. */
  refresh<M extends Model>(model: M, item: InferModel<M>, options: CallOptions = {}): Promise<InferModel<M>> {
    return this.get(model, item as ItemTarget, options);
  }

  /**
   * Creates the item when it has no `itemId`, otherwise updates it with only the changed fields:
   * those differing from `original`, or the `updateFields` named. Nothing changed, nothing sent.
   * Resolves with the item's id and new change key. A new item without `folder` goes to the
   * account's folder for its kind. An existing message saved with `SendOnly`/`SendAndSaveCopy` is
   * updated, then sent (SendItem) with its copy in the account's Sent Items (or `folder`).
   */
  async save<M extends Model>(model: M, item: InferModel<M>, options: SaveOptions<M> = {}): Promise<ItemRef> {
    const ref = (item as { readonly itemId?: ItemRef }).itemId;
    if (ref === undefined) {
      if (options.messageDisposition === 'SendOnly' || options.messageDisposition === 'SendAndSaveCopy') {
        // A sent message comes back without an id, and save() resolves with one.
        throw new EwsInvalidArgumentError('save() keeps a new message unsent: use send() or sendAndSave()');
      }
      const [created] = await bulkCreate(this.account, model, [item], {
        folder: options.folder,
        messageDisposition:
          options.messageDisposition ?? (model === (MessageModel as Model) ? 'SaveOnly' : undefined),
        sendMeetingInvitations: options.sendMeetingInvitations,
        ...callOptionsOf(options),
      });
      const id = onlyOutcome(created ? [created] : [], 'CreateItem');
      if (!id) throw new EwsProtocolError('CreateItem returned no item id', { operation: 'CreateItem' });
      return id;
    }
    const fields =
      options.updateFields ??
      (options.original === undefined ? undefined : changedFields(model, options.original, item));
    if (fields === undefined) {
      throw new EwsInvalidArgumentError(
        'save() of an existing item needs `original` (the item as read) or `updateFields`, so only changes are sent',
      );
    }
    const sending =
      options.messageDisposition === 'SendOnly' || options.messageDisposition === 'SendAndSaveCopy';
    if (fields.length === 0 && !sending) return ref;
    if (fields.length === 0) {
      await this.send(ref, {
        saveCopy: options.messageDisposition === 'SendAndSaveCopy',
        folder: options.folder,
        ...callOptionsOf(options),
      });
      return ref;
    }
    const values = item as Record<string, unknown>;
    // A moved start or end keeps the zone the item already names (else the account's is written).
    const zoned = [...fields];
    for (const [time, zone] of [
      ['start', 'startTimeZone'],
      ['end', 'endTimeZone'],
    ] as const)
      if (zoned.includes(time) && !zoned.includes(zone) && values[zone] !== undefined) zoned.push(zone);
    const changes = Object.fromEntries(zoned.map((name) => [name, values[name]]));
    const [updated] = await bulkUpdate(
      this.account,
      model,
      [{ item: ref, changes: changes as ItemChange<M>['changes'] }],
      {
        conflictResolution: options.conflictResolution,
        messageDisposition: options.messageDisposition,
        savedItemFolder: options.messageDisposition === 'SendAndSaveCopy' ? options.folder : undefined,
        sendMeetingInvitationsOrCancellations: options.sendMeetingInvitationsOrCancellations,
        ...callOptionsOf(options),
      },
    );
    return onlyOutcome(updated ? [updated] : [], 'UpdateItem');
  }

  /** Deletes for good (exchangelib's `delete()`). */
  async delete(item: ItemTarget, options: DeleteOptions = {}): Promise<void> {
    return this.#delete(itemRefOf(item), 'HardDelete', options);
  }

  /** Moves to the recoverable items (the dumpster), exchangelib's `soft_delete()`. */
  async softDelete(item: ItemTarget, options: DeleteOptions = {}): Promise<void> {
    return this.#delete(itemRefOf(item), 'SoftDelete', options);
  }

  /** Moves to Deleted Items, exchangelib's `move_to_trash()`. */
  async moveToTrash(item: ItemTarget, options: DeleteOptions = {}): Promise<void> {
    return this.#delete(itemRefOf(item), 'MoveToDeletedItems', options);
  }

  /**
   * Resolves with the item's new id (Exchange gives moved items new ids). `to`: a folder handle or
   * a FolderRef; a distinguished folder without a mailbox is the account's.
   */
  async move(item: ItemTarget, to: FolderTarget, options: CallOptions = {}): Promise<ItemRef | undefined> {
    return onlyOutcome(await bulkMove(this.account, [itemRefOf(item)], to, options), 'MoveItem');
  }

  /** Resolves with the copy's id; `to` as for `move`. */
  async copy(item: ItemTarget, to: FolderTarget, options: CallOptions = {}): Promise<ItemRef | undefined> {
    return onlyOutcome(await bulkCopy(this.account, [itemRefOf(item)], to, options), 'CopyItem');
  }

  /** Moves to a folder of the archive mailbox (Exchange 2013+), e.g. `{ distinguishedId: 'archiveinbox' }` (the account's). */
  async archive(item: ItemTarget, to: FolderTarget, options: CallOptions = {}): Promise<ItemRef | undefined> {
    return onlyOutcome(await bulkArchive(this.account, [itemRefOf(item)], to, options), 'ArchiveItem');
  }

  /** Marks as junk (blocking the sender) and moves it to Junk Email, or the reverse with `isJunk: false`. */
  async markAsJunk(
    item: ItemTarget,
    options: CallOptions & { readonly isJunk?: boolean; readonly moveItem?: boolean } = {},
  ): Promise<ItemRef | undefined> {
    return onlyOutcome(await bulkMarkAsJunk(this.account, [itemRefOf(item)], options), 'MarkAsJunk');
  }

  /**
   * Sends a saved message (a draft, by id: SendItem), or a new message (CreateItem with
   * `SendAndSaveCopy`). The copy goes to the account's Sent Items, or `folder`. A new message sent
   * without a copy (`saveCopy: false`) has no id; on a delegate account it is first saved in the
   * account's Drafts and then sent (SendOnly would send it as the signed-in user).
   */
  async send(message: ItemRef | Message, options: SendOptions = {}): Promise<ItemRef | undefined> {
    const saveCopy = options.saveCopy ?? true;
    if (!saveCopy && options.folder !== undefined) {
      throw new EwsInvalidArgumentError('send: a folder is where the copy goes, and saveCopy is false');
    }
    if ('id' in message && typeof message.id === 'string') {
      onlyOutcome(
        await bulkSend(this.account, [message], {
          saveCopy,
          savedItemFolder: saveCopy ? options.folder : undefined,
          ...callOptionsOf(options),
        }),
        'SendItem',
      );
      return undefined;
    }
    const draft = message as Message;
    const saved = draft.itemId;
    if (saved?.id !== undefined) return this.send({ id: saved.id, changeKey: saved.changeKey }, options);
    const [sent] = await bulkCreate(this.account, MessageModel, [draft], {
      folder: saveCopy ? options.folder : undefined,
      messageDisposition: saveCopy ? 'SendAndSaveCopy' : 'SendOnly',
      ...callOptionsOf(options),
    });
    return onlyOutcome(sent ? [sent] : [], 'CreateItem');
  }

  /** exchangelib's `send_and_save()`: sends and keeps a copy. */
  sendAndSave(
    message: ItemRef | Message,
    options: Omit<SendOptions, 'saveCopy'> = {},
  ): Promise<ItemRef | undefined> {
    return this.send(message, { ...options, saveCopy: true });
  }

  reply(
    item: ItemTarget,
    fields: ResponseObjectFields<'reply'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('reply', item, fields, options);
  }

  replyAll(
    item: ItemTarget,
    fields: ResponseObjectFields<'replyAll'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('replyAll', item, fields, options);
  }

  forward(
    item: ItemTarget,
    fields: ResponseObjectFields<'forward'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('forward', item, fields, options);
  }

  /**
   * Accepts a meeting request or calendar item; the organizer gets the answer. Resolves with every
   * item the server names (e.g. the calendar item and the meeting response, each with its `kind`).
   */
  accept(
    item: ItemTarget,
    fields: ResponseObjectFields<'accept'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('accept', item, fields, options);
  }

  tentativelyAccept(
    item: ItemTarget,
    fields: ResponseObjectFields<'tentativelyAccept'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('tentativelyAccept', item, fields, options);
  }

  decline(
    item: ItemTarget,
    fields: ResponseObjectFields<'decline'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('decline', item, fields, options);
  }

  /** Cancels a meeting the account organizes; attendees get the cancellation. */
  cancel(
    item: ItemTarget,
    fields: ResponseObjectFields<'cancel'> = {},
    options: RespondOptions = {},
  ): Promise<readonly CreatedItem[]> {
    return this.#respond('cancel', item, fields, options);
  }

  /** Items in Exchange's native format (ExportItems), one result per item in order. */
  async export(
    items: readonly PlainItemTarget[],
    options: CallOptions = {},
  ): Promise<BulkResult<ExportedItem>[]> {
    const refs = items.map((item) => plainItemRefOf(item, 'ExportItems'));
    return runChunks('ExportItems', refs, options, async (part, call) =>
      readExportItems(
        await send(this.account, 'ExportItems', buildExportItems({ items: part }), call),
        part.length,
      ),
    );
  }

  /** Exported items back into a mailbox (UploadItems: CreateNew, Update, UpdateOrCreate). */
  upload(
    items: readonly UploadItem[],
    options: CallOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return runChunks('UploadItems', items, options, async (part, call) =>
      readUploadItems(
        await send(this.account, 'UploadItems', buildUploadItems({ items: part }), call),
        part.length,
      ),
    );
  }

  // issue 15: convo
  /**
   * Marks a task complete (exchangelib's `task.complete()`): Status Completed, PercentComplete 100;
   * Exchange sets CompleteDate and IsComplete. Resolves with the task's new change key.
   */
  completeTask(task: PlainItemTarget, options: CallOptions = {}): Promise<ItemRef> {
    return completeTask(this.account, task, options);
  }

  async #delete(item: AnyItemRef, deleteType: DeleteType, options: DeleteOptions): Promise<void> {
    onlyOutcome(
      await bulkDelete(this.account, [item], {
        deleteType,
        sendMeetingCancellations: options.sendMeetingCancellations,
        ...callOptionsOf(options),
      }),
      'DeleteItem',
    );
  }

  /** The id an occurrence or a series' master carries (GetItem, ids only). */
  async #idOf(item: AnyItemRef, options: CallOptions): Promise<ItemRef> {
    const body = buildGetItem({ items: [item], shape: ID_ONLY_SHAPE });
    const response = await send(this.account, 'GetItem', body, callOptionsOf(options));
    return requiredItemRef(onlyOutcome(readGetItem(response, 1), 'GetItem'), 'GetItem');
  }

  /**
   * CreateItem with one response object; resolves with every item the server names for it, each
   * with its kind: none when the answer is sent without a copy, the draft with `SaveOnly`, and for
   * a meeting answer possibly the calendar item and the meeting response together. The answer is
   * kept in the account's Sent Items / Drafts (or `folder`), never the signed-in user's.
   */
  async #respond<K extends ResponseObjectKind>(
    kind: K,
    item: ItemTarget,
    fields: ResponseObjectFields<K>,
    options: RespondOptions,
  ): Promise<readonly CreatedItem[]> {
    // ReferenceItemId is a plain t:ItemIdType: an occurrence or master is read first for its own id.
    const target = itemRefOf(item);
    const reference =
      itemRefKind(target) === 'item' ? (target as ItemRef) : await this.#idOf(target, options);
    const disposition = options.messageDisposition ?? 'SendAndSaveCopy';
    const folder = answerFolder(this.account, disposition, options.folder);
    const common = { kind, reference, fields, version: this.account.version };
    const body =
      folder === undefined
        ? buildResponseItem({ ...common, messageDisposition: 'SendOnly' })
        : buildResponseItem({
            ...common,
            messageDisposition: disposition === 'SendOnly' ? undefined : disposition,
            savedItemFolder: folder,
          });
    return onlyOutcome(
      readCreatedItems(await send(this.account, 'CreateItem', body, options), 1),
      'CreateItem',
    );
  }
}

const ID_ONLY_SHAPE = el('m:ItemShape', {}, el('t:BaseShape', {}, 'IdOnly'));

/**
 * Every field the version knows, except the MIME content (large, and asked for on its own). A
 * contact's dictionaries are asked entry by entry by models' shape writer.
 */
export function everyField<M extends Model>(model: M, version: ExchangeVersion): FieldName<M>[] {
  return model.fields
    .filter((def) => def.fieldUri !== undefined && def.name !== 'mimeContent')
    .filter((def) => def.minVersion === undefined || supportsVersion(version, def.minVersion))
    .map((def) => def.name as FieldName<M>);
}
