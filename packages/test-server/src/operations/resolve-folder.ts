import { hasMailboxAccess } from '../directory/directory.js';
import type { StoredFolder } from '../store/item-model.js';
import { decodeId, type MailboxStore } from '../store/mailbox-store.js';
import { descend, type XmlElement } from '../xml/xml-tree.js';
import { type OperationContext, ResponseError } from './operation-context.js';

export interface ResolvedFolder {
  readonly store: MailboxStore;
  readonly folder: StoredFolder;
}

/** The actor's access to another mailbox, or ErrorAccessDenied. */
export function requireAccess(ctx: OperationContext, store: MailboxStore): void {
  // Public folders: every mailbox user may open the hierarchy.
  if (store === ctx.state.publicFolders) return;
  if (!hasMailboxAccess(ctx.actor, store.owner)) {
    throw new ResponseError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
}

export function storeForAddress(ctx: OperationContext, address: string | undefined): MailboxStore {
  const store = ctx.state.storeFor(address ?? ctx.actor.address);
  if (store === undefined) {
    throw new ResponseError(
      'ErrorNonExistentMailbox',
      `No mailbox with such guid exists or the SMTP address is not valid: ${address}.`,
    );
  }
  return store;
}

/**
 * The mailbox a request acts in when it names none: the impersonated one under ExchangeImpersonation,
 * else the signed-in user's own. Never the mailbox of an item the request refers to: Exchange's
 * delegate-access docs make a delegate name the owner's mailbox (explicit access) to create, save or
 * keep a sent copy there; without it, the result lands in the delegate's own mailbox.
 */
export function actorStore(ctx: OperationContext): MailboxStore {
  return storeForAddress(ctx, undefined);
}

/**
 * Resolves a t:FolderId or t:DistinguishedFolderId element. A DistinguishedFolderId without
 * t:Mailbox is the actor's folder (see `actorStore`); one with t:Mailbox needs access to it
 * (ErrorAccessDenied otherwise).
 */
export function resolveFolder(ctx: OperationContext, idEl: XmlElement): ResolvedFolder {
  if (idEl.name === 'DistinguishedFolderId' && idEl.attrs.Id === 'publicfoldersroot') return publicRoot(ctx);
  if (idEl.name === 'DistinguishedFolderId') {
    const address = descend(idEl, 'Mailbox', 'EmailAddress')?.text.trim();
    const store = storeForAddress(ctx, address);
    requireAccess(ctx, store);
    const folder = store.distinguishedFolder(idEl.attrs.Id ?? '');
    if (folder === undefined) {
      throw new ResponseError('ErrorFolderNotFound', 'The specified folder could not be found in the store.');
    }
    return { store, folder };
  }
  const id = idEl.attrs.Id ?? '';
  const decoded = decodeId(id);
  if (decoded === undefined) throw new ResponseError('ErrorInvalidIdMalformed', 'Id is malformed.');
  if (decoded.kind !== 'F') {
    throw new ResponseError('ErrorCannotUseItemIdForFolderId', 'Item Id cannot be used as a folder Id.');
  }
  const store = ctx.state.storeForId(id);
  const folder = store?.folders.get(id);
  if (store === undefined || folder === undefined) {
    throw new ResponseError('ErrorFolderNotFound', 'The specified folder could not be found in the store.');
  }
  requireAccess(ctx, store);
  return { store, folder };
}

/**
 * The public folders' root. Without public folders Exchange answers ErrorNoPublicFolderReplicaAvailable
 * (exchangelib treats it as "no public folders", a missing-folder error).
 */
function publicRoot(ctx: OperationContext): ResolvedFolder {
  const store = ctx.state.publicFolders;
  const folder = store?.distinguishedFolder('publicfoldersroot');
  if (store === undefined || folder === undefined) {
    throw new ResponseError(
      'ErrorNoPublicFolderReplicaAvailable',
      'There are no public folder servers available.',
    );
  }
  return { store, folder };
}

/** The FolderId/DistinguishedFolderId children of a container element (ParentFolderIds, FolderIds). */
export function folderIdElements(container: XmlElement | undefined): XmlElement[] {
  return (container?.children ?? []).filter(
    (c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId',
  );
}
