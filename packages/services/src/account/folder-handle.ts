import { type CallOptions, EwsProtocolError } from '@ews/core';
import {
  CalendarItemModel,
  type CalendarPermission,
  ContactModel,
  type Folder,
  type InferModel,
  ItemModel,
  MessageModel,
  type Model,
  type Permission,
  type PermissionSet,
  TaskModel,
} from '@ews/models';
import { type BulkCreateOptions, type BulkResult, bulkCreate } from '../bulk/bulk.js';
import { type CreatePathOptions, createFolderPath } from '../folders/create-path.js';
import { findFolders } from '../folders/find-folders.js';
import { folderNameMatcher, sameFolderName, splitFolderPath } from '../folders/folder-pattern.js';
import { QueryableItems } from '../folders/queryable-items.js';
import { wholeCall } from '../internal/call-deadline.js';
import { onlyOutcome } from '../internal/messages.js';
import { send } from '../internal/send.js';
import type { PullSubscription } from '../notifications/pull-subscription.js';
import type { PushSubscription } from '../notifications/push-subscription.js';
import type { StreamingSubscription } from '../notifications/streaming-events.js';
import {
  type PullSubscribeOptions,
  type PushSubscribeOptions,
  type SubscribeOptions,
  subscribeToPull,
  subscribeToPush,
  subscribeToStreaming,
} from '../notifications/subscribe.js';
import { SubscriptionWatch, type WatchOptions } from '../notifications/watch.js';
import { buildCreateFolder, type FolderKind, readCreateFolder } from '../operations/create-folder.js';
import { buildDeleteFolder, readDeleteFolder } from '../operations/delete-folder.js';
import type { DeleteType } from '../operations/delete-item.js';
import { buildEmptyFolder, readEmptyFolder } from '../operations/empty-folder.js';
import { type PermissionUser, withoutPermission, withPermission } from '../operations/folder-permissions.js';
import { buildGetFolder, readGetFolder } from '../operations/get-folder.js';
import {
  buildCopyFolder,
  buildMoveFolder,
  readCopyFolder,
  readMoveFolder,
} from '../operations/move-copy-folder.js';
import { buildUpdateFolder, readUpdateFolder } from '../operations/update-folder.js';
import { ItemQuery } from '../query/item-query.js';
import { EwsDoesNotExistError, EwsMultipleObjectsError } from '../query/lookup-errors.js';
import {
  type FolderRef,
  type FolderTarget,
  type ItemRef,
  type MailboxFolderRef,
  mailboxFolderRef,
} from '../refs.js';
import { FolderSync, type SyncHierarchyOptions } from '../sync/folder-sync.js';
import { ItemSync, type SyncItemsOptions } from '../sync/item-sync.js';
import type { AccountContext } from './account-context.js';
import { ConversationHandle, type FindConversationsOptions, findConversations } from './conversations.js';
import { type MarkAllAsReadOptions, markAllItemsAsRead } from './mark-all-read.js';
import { modelForFolderClass } from './well-known-folders.js';

/** The items model of a folder made by `createFolder(name, { kind })`. */
export interface FolderKindModels {
  readonly mail: typeof MessageModel;
  readonly calendar: typeof CalendarItemModel;
  readonly contacts: typeof ContactModel;
  readonly tasks: typeof TaskModel;
}

const KIND_MODELS: FolderKindModels = {
  mail: MessageModel,
  calendar: CalendarItemModel,
  contacts: ContactModel,
  tasks: TaskModel,
};

// Tops of a folder tree: exchangelib's Root/PublicFoldersRoot/ArchiveRoot have no parent.
const TOP_FOLDERS: ReadonlySet<string> = new Set(['root', 'publicfoldersroot', 'archiveroot']);

export interface CreateFolderOptions<K extends FolderKind> extends CallOptions {
  /** What the folder holds (default `mail`): picks CalendarFolder/ContactsFolder/TasksFolder and the class. */
  readonly kind?: K | undefined;
  /** Overrides the kind's FolderClass, e.g. `IPF.Note.Custom`. */
  readonly folderClass?: string | undefined;
}

export interface DeleteFolderOptions extends CallOptions {
  /** Default `HardDelete` (exchangelib's default); `MoveToDeletedItems` keeps the tree in Deleted Items. */
  readonly deleteType?: DeleteType | undefined;
}

export interface EmptyFolderOptions extends DeleteFolderOptions {
  /** Also delete the (non-distinguished) subfolders: exchangelib's `wipe()`-like emptying. */
  readonly deleteSubFolders?: boolean | undefined;
}

export interface ChildrenOptions extends CallOptions {
  /** The whole subtree (one paged FindFolder with Traversal="Deep"), as `walk()`. */
  readonly deep?: boolean | undefined;
}

/**
 * One folder of an account, with its items model (`CalendarItem` for calendars, `Message` for
 * mail folders…). Item queries start here: `inbox.filter({ isRead: false }).orderBy('-dateTimeReceived')`.
 * The tree: `children()`, `walk()`, `glob('Inbox/*')`, `child('Projects')`, `path('Inbox/Projects')`,
 * `parent()`; and the folder itself: `createFolder`, `rename`, `move`, `copy`, `empty`, `delete`.
 */
export class FolderHandle<M extends Model> extends QueryableItems<M> {
  readonly account: AccountContext;
  /**
   * The folder, naming the account's mailbox: a distinguished folder given without one is the
   * account's (a handle never means the signed-in user's folder by accident).
   */
  readonly ref: MailboxFolderRef;
  readonly model: M;

  constructor(account: AccountContext, ref: FolderRef, model: M) {
    super();
    this.account = account;
    this.ref = mailboxFolderRef(account.primarySmtpAddress, ref);
    this.model = model;
  }

  /** The folder's properties (display name, class, total/unread/child counts, effective rights…). */
  async get(options: CallOptions = {}): Promise<LoadedFolder<M>> {
    const folder = await getFolder(this.account, this.ref, options);
    return new LoadedFolder(this.account, folder, this.model, this.ref);
  }

  /** The same folder read with another items model, e.g. a found folder `withModel(CalendarItemModel)`. */
  withModel<N extends Model>(model: N): FolderHandle<N> {
    return new FolderHandle(this.account, this.ref, model);
  }

  /** The folders directly below this one (or the whole subtree with `deep`), paged. */
  async *children(options: ChildrenOptions = {}): AsyncGenerator<LoadedFolder<Model>, void, undefined> {
    for await (const folder of findFolders(this.account, this.ref, options)) {
      yield loadedFolder(this.account, folder);
    }
  }

  /** Every folder below this one, parents before children (exchangelib's `walk()`). */
  walk(options: CallOptions = {}): AsyncGenerator<LoadedFolder<Model>, void, undefined> {
    return this.children({ ...options, deep: true });
  }

  /**
   * Folders matching a `/`-separated pattern of shell-style names, case-insensitive, as exchangelib's
   * `glob()`: `'*'` (children), `'Inbox/*'`, `'**'` or `'**\/Projects'` (any depth: the last part is
   * matched against names in the whole subtree), `'../Sent*'` (from the parent), `'/Top*'` (from the
   * mailbox root).
   */
  async *glob(
    pattern: string,
    options: CallOptions = {},
  ): AsyncGenerator<LoadedFolder<Model>, void, undefined> {
    const slash = pattern.indexOf('/');
    const head = slash === -1 ? pattern : pattern.slice(0, slash);
    const tail = slash === -1 ? undefined : pattern.slice(slash + 1);
    if (head === '') {
      yield* mailboxRoot(this.account).glob(tail || '*', options);
    } else if (head === '..') {
      yield* (await this.#requireParent(options)).glob(tail || '*', options);
    } else if (head === '**') {
      const matches = folderNameMatcher(tail || '*');
      for await (const folder of this.walk(options)) if (matches(folder.displayName ?? '')) yield folder;
    } else {
      const matches = folderNameMatcher(head);
      for await (const folder of this.children(options)) {
        if (!matches(folder.displayName ?? '')) continue;
        if (tail === undefined || tail === '') yield folder;
        else yield* folder.glob(tail, options);
      }
    }
  }

  /**
   * The child folder called `name` (case-insensitive; `..` is the parent), exchangelib's
   * `folder / 'name'`. Throws EwsDoesNotExistError (`EWS_DOES_NOT_EXIST`) when there is none.
   */
  async child(name: string, given: CallOptions = {}): Promise<LoadedFolder<Model>> {
    const options = wholeCall(given);
    if (name === '..') return this.#requireParent(options);
    if (name === '.') return this.get(options);
    for await (const folder of this.children(options)) {
      if (sameFolderName(folder.displayName, name)) return folder;
    }
    throw new EwsDoesNotExistError(`No folder named '${name}' in ${describeFolder(this)}`);
  }

  /**
   * The folder at a `/`-separated path of names below this one (`'Inbox/Projects'`, `'../Sent Items'`),
   * or below the mailbox root when the path starts with `/`: exchangelib's `root / 'Top of Information Store' / 'Inbox'`.
   * One FindFolder per step; EWS_DOES_NOT_EXIST names the first missing step.
   */
  async path(path: string, given: CallOptions = {}): Promise<LoadedFolder<Model>> {
    const options = wholeCall(given);
    const { absolute, segments } = splitFolderPath(path);
    const start: FolderHandle<Model> = absolute ? mailboxRoot(this.account) : this;
    let current: LoadedFolder<Model> | undefined;
    for (const segment of segments) current = await (current ?? start).child(segment, options);
    return current ?? start.get(options);
  }

  /**
   * The one folder called `name` anywhere below this one (a Deep FindFolder). Throws
   * EWS_DOES_NOT_EXIST when there is none and EWS_MULTIPLE_OBJECTS when several share the name.
   */
  async folderByName(name: string, given: CallOptions = {}): Promise<LoadedFolder<Model>> {
    const options = wholeCall(given);
    const matches: LoadedFolder<Model>[] = [];
    for await (const folder of this.walk(options)) {
      if (sameFolderName(folder.displayName, name)) matches.push(folder);
    }
    const [only] = matches;
    if (only === undefined)
      throw new EwsDoesNotExistError(`No folder named '${name}' in ${describeFolder(this)}`);
    if (matches.length > 1) {
      throw new EwsMultipleObjectsError(
        `${matches.length} folders are named '${name}' in ${describeFolder(this)}`,
      );
    }
    return only;
  }

  /**
   * The parent folder, or undefined at the top of a tree (root, public folders root, archive root,
   * or a folder the server reports no parent for). A loaded folder uses the parent id it was loaded with.
   */
  async parent(given: CallOptions = {}): Promise<LoadedFolder<Model> | undefined> {
    const options = wholeCall(given);
    if ('distinguishedId' in this.ref && TOP_FOLDERS.has(this.ref.distinguishedId)) return undefined;
    const known = this instanceof LoadedFolder ? this.parentFolderId : undefined;
    const parentId = known ?? (await this.get(options)).parentFolderId;
    if (parentId?.id === undefined) return undefined;
    return loadedFolder(this.account, await getFolder(this.account, { id: parentId.id }, options));
  }

  /**
   * Creates a folder below this one (CreateFolder), exchangelib's `Folder(parent=…, name=…).save()`.
   * A name already taken (case-insensitive) fails with EwsResponseError `ErrorFolderExists`.
   */
  async createFolder<K extends FolderKind = 'mail'>(
    name: string,
    options: CreateFolderOptions<K> = {},
  ): Promise<FolderHandle<FolderKindModels[K]>> {
    const kind = options.kind ?? 'mail';
    const body = buildCreateFolder({
      parent: this.ref,
      folders: [{ displayName: name, kind, folderClass: options.folderClass }],
    });
    const ref = onlyOutcome(
      readCreateFolder(await send(this.account, 'CreateFolder', body, options), 1),
      'CreateFolder',
    );
    return new FolderHandle(this.account, ref, KIND_MODELS[kind] as FolderKindModels[K]);
  }

  /**
   * Creates the missing folders of a `/`-separated path below this one in ONE request
   * (CreateFolderPath, Exchange 2013+): `inbox.createPath('Clients/Contoso/2026')`. Folders already
   * there are kept (names compare case-insensitively). Resolves with the path's last folder; `kind`
   * is that folder's (the ones above are mail folders).
   */
  async createPath<K extends FolderKind = 'mail'>(
    path: string,
    options: CreatePathOptions<K> = {},
  ): Promise<FolderHandle<FolderKindModels[K]>> {
    const ref = await createFolderPath(this.account, this.ref, path, options);
    return new FolderHandle(this.account, ref, KIND_MODELS[options.kind ?? 'mail'] as FolderKindModels[K]);
  }

  /** Renames the folder (UpdateFolder, SetFolderField DisplayName); the handle returned has the new change key. */
  async rename(name: string, options: CallOptions = {}): Promise<FolderHandle<M>> {
    const body = buildUpdateFolder({
      changes: [{ folder: this.ref, displayName: name }],
      version: this.account.version,
    });
    const ref = onlyOutcome(
      readUpdateFolder(await send(this.account, 'UpdateFolder', body, options), 1),
      'UpdateFolder',
    );
    return new FolderHandle(this.account, ref, this.model);
  }

  /**
   * The folder's permissions (GetFolder with folder:PermissionSet): `calendarPermissions` on a
   * calendar folder (free/busy levels FreeBusyTimeOnly, FreeBusyTimeAndSubjectAndLocation, then
   * Reviewer… Owner), `permissions` on any other; Default and Anonymous entries included.
   */
  async permissions(options: CallOptions = {}): Promise<PermissionSet> {
    const body = buildGetFolder({
      folders: [this.ref],
      baseShape: 'IdOnly',
      additionalProperties: ['folder:PermissionSet'],
    });
    const folder = onlyOutcome(
      readGetFolder(await send(this.account, 'GetFolder', body, options), 1),
      'GetFolder',
    );
    if (folder.permissionSet === undefined)
      throw new EwsProtocolError('GetFolder answered without the PermissionSet asked for', {
        operation: 'GetFolder',
      });
    return folder.permissionSet;
  }

  /**
   * Replaces the folder's whole permission list (UpdateFolder, folder:PermissionSet). A named level
   * is written without its single rights (Exchange derives them); each user may appear once.
   */
  async setPermissions(set: PermissionSet, options: CallOptions = {}): Promise<FolderHandle<M>> {
    const body = buildUpdateFolder({
      changes: [{ folder: this.ref, permissionSet: set }],
      version: this.account.version,
    });
    const ref = onlyOutcome(
      readUpdateFolder(await send(this.account, 'UpdateFolder', body, options), 1),
      'UpdateFolder',
    );
    return new FolderHandle(this.account, ref, this.model);
  }

  /**
   * Gives one user (an SMTP address, a SID, or Default/Anonymous) a permission, replacing theirs:
   * reads the list, changes that entry, writes the list back. E.g. on a calendar
   * `grantPermission({ userId: { primarySmtpAddress: 'bob@contoso.com' }, calendarPermissionLevel: 'Reviewer' })`.
   */
  async grantPermission(
    entry: Permission | CalendarPermission,
    given: CallOptions = {},
  ): Promise<FolderHandle<M>> {
    const options = wholeCall(given);
    return this.setPermissions(withPermission(await this.permissions(options), entry), options);
  }

  /** Takes a user's entry away; Default and Anonymous, which a folder always has, get the level None. */
  async revokePermission(user: PermissionUser, given: CallOptions = {}): Promise<FolderHandle<M>> {
    const options = wholeCall(given);
    return this.setPermissions(withoutPermission(await this.permissions(options), user), options);
  }

  /** Deletes the folder with its items and subfolders. Exchange refuses distinguished folders (ErrorDeleteDistinguishedFolder). */
  async delete(options: DeleteFolderOptions = {}): Promise<void> {
    const body = buildDeleteFolder({ folders: [this.ref], deleteType: options.deleteType });
    onlyOutcome(readDeleteFolder(await send(this.account, 'DeleteFolder', body, options), 1), 'DeleteFolder');
  }

  /** Deletes every item in the folder (EmptyFolder), and its subfolders with `deleteSubFolders`. */
  async empty(options: EmptyFolderOptions = {}): Promise<void> {
    const body = buildEmptyFolder({
      folders: [this.ref],
      deleteType: options.deleteType,
      deleteSubFolders: options.deleteSubFolders,
    });
    onlyOutcome(readEmptyFolder(await send(this.account, 'EmptyFolder', body, options), 1), 'EmptyFolder');
  }

  /**
   * Moves the folder below `to` (MoveFolder); folder ids survive a move. A distinguished `to`
   * without a mailbox is this account's folder.
   */
  async move(to: FolderTarget, options: CallOptions = {}): Promise<FolderHandle<M>> {
    const body = buildMoveFolder({ folders: [this.ref], to: this.#target(to) });
    const ref = onlyOutcome(
      readMoveFolder(await send(this.account, 'MoveFolder', body, options), 1),
      'MoveFolder',
    );
    return new FolderHandle(this.account, ref, this.model);
  }

  /**
   * Copies the folder, its items and subfolders below `to` (CopyFolder); returns the copy. A
   * distinguished `to` without a mailbox is this account's folder.
   */
  async copy(to: FolderTarget, options: CallOptions = {}): Promise<FolderHandle<M>> {
    const body = buildCopyFolder({ folders: [this.ref], to: this.#target(to) });
    const ref = onlyOutcome(
      readCopyFolder(await send(this.account, 'CopyFolder', body, options), 1),
      'CopyFolder',
    );
    return new FolderHandle(this.account, ref, this.model);
  }

  /** Every item (a lazy query). */
  all(): ItemQuery<M> {
    return new ItemQuery(this.account, [this.ref], this.model);
  }

  /** Creates items in this folder; one result per item, in order. */
  create(
    items: readonly InferModel<M>[],
    options: Omit<BulkCreateOptions, 'folder'> = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkCreate(this.account, this.model, items, { ...options, folder: this.ref });
  }

  /**
   * The changes of this folder's items since `syncState` (SyncFolderItems), exchangelib's
   * `folder.sync_items()`: iterate it, then persist its `syncState` to resume from next time.
   */
  syncItems(options: SyncItemsOptions<M> = {}): ItemSync<M> {
    return new ItemSync(this.account, this.ref, this.model, options);
  }

  /**
   * The changes of the folders below this one since `syncState` (SyncFolderHierarchy),
   * exchangelib's `folder.sync_hierarchy()`; created and updated folders come as loaded folders.
   */
  syncHierarchy(options: SyncHierarchyOptions = {}): FolderSync<LoadedFolder<Model>> {
    return new FolderSync(this.account, this.ref, (folder) => loadedFolder(this.account, folder), options);
  }

  /** A pull subscription on this folder (exchangelib's `folder.subscribe_to_pull()`). */
  subscribeToPull(options: PullSubscribeOptions = {}): Promise<PullSubscription> {
    return subscribeToPull(this.account, [this.ref], options);
  }

  /** A streaming subscription on this folder (exchangelib's `folder.subscribe_to_streaming()`). */
  subscribeToStreaming(options: SubscribeOptions = {}): Promise<StreamingSubscription> {
    return subscribeToStreaming(this.account, [this.ref], options);
  }

  /**
   * The events of this folder from a subscription that heals itself: reconnects with back-off,
   * resumes from the last watermark where the server allows, and otherwise yields a `gap` event;
   * every event at most once. See `SubscriptionWatch` and the services README ("Self-healing
   * subscriptions").
   */
  watch(options: WatchOptions = {}): SubscriptionWatch {
    return new SubscriptionWatch(this.account, [this.ref], options);
  }

  /** A push subscription on this folder (exchangelib's `folder.subscribe_to_push(callback_url)`). */
  subscribeToPush(callbackUrl: string, options: PushSubscribeOptions = {}): Promise<PushSubscription> {
    return subscribeToPush(this.account, [this.ref], callbackUrl, options);
  }

  #target(to: FolderTarget): MailboxFolderRef {
    return mailboxFolderRef(this.account.primarySmtpAddress, to);
  }

  // issue 15: convo
  /** The folder's conversations, newest delivery first, paged lazily (FindConversation). */
  conversations(options: FindConversationsOptions = {}): AsyncGenerator<ConversationHandle, void, undefined> {
    return findConversations(this.account, this.ref, options);
  }

  /** One conversation by id, its actions defaulting to this folder's items. */
  conversation(conversationId: ItemRef): ConversationHandle {
    return new ConversationHandle(this.account, conversationId, this.ref);
  }

  /** Marks every item of the folder read (or unread with `read: false`): MarkAllItemsAsRead. */
  markAllAsRead(options: MarkAllAsReadOptions = {}): Promise<void> {
    return markAllItemsAsRead(this.account, this.ref, options);
  }

  async #requireParent(options: CallOptions): Promise<LoadedFolder<Model>> {
    const parent = await this.parent(options);
    if (parent === undefined) throw new EwsDoesNotExistError(`${describeFolder(this)} has no parent folder`);
    return parent;
  }
}

/**
 * A folder handle with the properties the server returned when it was loaded (GetFolder or
 * FindFolder): a snapshot, so counts do not follow later changes; `get()` loads them again.
 * Folders found by `children()`/`walk()`/`glob()` carry what FindFolder returns (no
 * `effectiveRights` / `permissionSet`: those need `get()`).
 */
export class LoadedFolder<M extends Model> extends FolderHandle<M> implements Folder {
  // Set from the loaded Folder in the constructor; `declare` keeps optional fields truly absent.
  declare readonly folderId?: NonNullable<Folder['folderId']>;
  declare readonly parentFolderId?: NonNullable<Folder['parentFolderId']>;
  declare readonly folderClass?: NonNullable<Folder['folderClass']>;
  declare readonly displayName?: NonNullable<Folder['displayName']>;
  declare readonly totalCount?: NonNullable<Folder['totalCount']>;
  declare readonly childFolderCount?: NonNullable<Folder['childFolderCount']>;
  declare readonly effectiveRights?: NonNullable<Folder['effectiveRights']>;
  declare readonly permissionSet?: NonNullable<Folder['permissionSet']>;
  declare readonly unreadCount?: NonNullable<Folder['unreadCount']>;

  constructor(account: AccountContext, folder: Folder, model: M, ref?: FolderRef) {
    super(account, ref ?? idRefOf(folder), model);
    Object.assign(this, folder);
  }
}

/** A found folder, read with the items model its FolderClass calls for. */
function loadedFolder(account: AccountContext, folder: Folder): LoadedFolder<Model> {
  return new LoadedFolder(account, folder, modelForFolderClass(folder.folderClass));
}

async function getFolder(account: AccountContext, ref: FolderRef, options: CallOptions): Promise<Folder> {
  const response = await send(account, 'GetFolder', buildGetFolder({ folders: [ref] }), options);
  return onlyOutcome(readGetFolder(response, 1), 'GetFolder');
}

function idRefOf(folder: Folder): FolderRef {
  const id = folder.folderId?.id;
  if (id === undefined) throw new EwsProtocolError('The server returned a folder without a FolderId');
  const changeKey = folder.folderId?.changeKey;
  return changeKey === undefined ? { id } : { id, changeKey };
}

function mailboxRoot(account: AccountContext): FolderHandle<Model> {
  return new FolderHandle(account, { distinguishedId: 'root' }, ItemModel);
}

function describeFolder(folder: FolderHandle<Model>): string {
  if (folder instanceof LoadedFolder && folder.displayName !== undefined) return `'${folder.displayName}'`;
  return 'distinguishedId' in folder.ref ? `'${folder.ref.distinguishedId}'` : 'the folder';
}
