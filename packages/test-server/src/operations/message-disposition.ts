import type { ItemKind, StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { actorStore, folderIdElements, type ResolvedFolder, resolveFolder } from './resolve-folder.js';

export type Disposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';

// Which folder kinds each item kind may be saved in, and the error Exchange gives otherwise.
const FOLDER_RULES: Readonly<Record<ItemKind, { kinds: readonly StoredFolder['kind'][]; error: string }>> = {
  // A generic item keeps the class it is given: Exchange stores it in any folder but a search folder.
  Item: {
    kinds: ['Folder', 'CalendarFolder', 'ContactsFolder', 'TasksFolder'],
    error: 'ErrorCannotCreatePostItemInNonMailFolder',
  },
  DistributionList: { kinds: ['ContactsFolder'], error: 'ErrorCannotCreateContactInNonContactFolder' },
  PostItem: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  Message: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  CalendarItem: { kinds: ['CalendarFolder'], error: 'ErrorCannotCreateCalendarItemInNonCalendarFolder' },
  Contact: { kinds: ['ContactsFolder'], error: 'ErrorCannotCreateContactInNonContactFolder' },
  Task: { kinds: ['TasksFolder'], error: 'ErrorCannotCreateTaskInNonTaskFolder' },
  MeetingRequest: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  MeetingResponse: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
  MeetingCancellation: { kinds: ['Folder'], error: 'ErrorCannotCreatePostItemInNonMailFolder' },
};

/** ErrorCannotCreate…InNon…Folder when an item of `kind` cannot live in `folder`. */
export function checkFolderKind(kind: ItemKind, folder: StoredFolder): void {
  const rule = FOLDER_RULES[kind];
  if (!rule.kinds.includes(folder.kind))
    throw new ResponseError(rule.error, `This item cannot be created in ${folder.displayName}.`);
}

/**
 * The folder CreateItem's SavedItemFolderId names, if any. Exchange reports a folder it cannot find
 * there as ErrorSavedItemFolderNotFound (not ErrorFolderNotFound), for items and response objects alike.
 */
export function savedItemFolder(ctx: OperationContext, request: XmlElement): ResolvedFolder | undefined {
  const idEl = folderIdElements(child(request, 'SavedItemFolderId'))[0];
  if (idEl === undefined) return undefined;
  try {
    return resolveFolder(ctx, idEl);
  } catch (error) {
    if (error instanceof ResponseError && error.responseCode === 'ErrorFolderNotFound') {
      throw new ResponseError(
        'ErrorSavedItemFolderNotFound',
        'The folder to save the item to could not be found.',
      );
    }
    throw error;
  }
}

/** What a CreateItem of a message (or a response object) does with it, decided before anything happens. */
export interface MessagePlan {
  readonly mode: Disposition;
  /** SendOnly or SendAndSaveCopy: the message is delivered. */
  readonly sending: boolean;
  /**
   * Where the kept copy goes: SavedItemFolderId, else the actor's Sent Items (sent) or Drafts
   * (SaveOnly); none for SendOnly.
   */
  readonly kept: ResolvedFolder | undefined;
  /** The actor's mailbox (see `actorStore`): a new message without SavedItemFolderId is sent from it. */
  readonly home: MailboxStore;
}

export interface MessagePlanOptions {
  /** From `readDisposition`, read before the reference item so its errors come first, as Exchange's do. */
  readonly mode: Disposition;
  /** The kind of the kept copy (decides which folders may hold it). */
  readonly kind: ItemKind;
}

/**
 * CreateItem's MessageDisposition. Response objects must name one (else ErrorMessageDispositionRequired);
 * plain messages default to SaveOnly.
 */
export function readDisposition(request: XmlElement, required: boolean): Disposition {
  const value = request.attrs.MessageDisposition;
  if (value === undefined && required) {
    throw new ResponseError(
      'ErrorMessageDispositionRequired',
      'MessageDisposition is required for response objects.',
    );
  }
  const mode = value ?? 'SaveOnly';
  if (mode !== 'SaveOnly' && mode !== 'SendOnly' && mode !== 'SendAndSaveCopy') {
    throw new ResponseError('ErrorInvalidRequest', `Invalid MessageDisposition ${mode}.`);
  }
  return mode;
}

/**
 * What MessageDisposition and SavedItemFolderId mean for one CreateItem child, shared by messages and response objects
 * (replies, forwards, meeting answers, cancellations). The saved folder is resolved and checked even
 * for SendOnly, so a bad one refuses the request before anything is delivered. Without
 * SavedItemFolderId the copy goes to the actor's own Drafts / Sent Items, also when the answered item
 * lives in another mailbox: by default Exchange keeps what a delegate sends on behalf of the owner in
 * the delegate's Sent Items.
 */
export function planMessage(
  ctx: OperationContext,
  request: XmlElement,
  options: MessagePlanOptions,
): MessagePlan {
  const mode = options.mode;
  const sending = mode !== 'SaveOnly';
  const named = savedItemFolder(ctx, request);
  const home = actorStore(ctx);
  const target = named ?? {
    store: home,
    folder: home.requireDistinguished(sending ? 'sentitems' : 'drafts'),
  };
  checkFolderKind(options.kind, target.folder);
  return { mode, sending, kept: mode === 'SendOnly' ? undefined : target, home };
}
