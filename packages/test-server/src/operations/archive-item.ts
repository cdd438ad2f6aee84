import { ITEM_ELEMENT } from '../render/item-view.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/**
 * ArchiveItem moves items into the mailbox's archive (same store here: the archive tree hangs below
 * `archiveroot`, beside the primary tree). ArchiveSourceFolderId names either
 *  - a folder of the archive (what exchangelib's `item.archive(to_folder)` sends): the items go there;
 *  - a folder of the primary mailbox (Microsoft's example sends `inbox`, "move an item to the archive
 *    Inbox folder"): the items go to the archive folder with the same path below the archive's Top of
 *    Information Store, created when missing, as Exchange's archive does (ErrorArchiveFolderPathCreation
 *    when it cannot be made).
 * A mailbox without an archive answers ErrorArchiveMailboxNotEnabled for every item.
 */
export const archiveItem: OperationHandler = (ctx, request) => {
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor(
      'ArchiveItemResponseMessage',
      () => {
        // Unknown ids and missing access are reported first, as Exchange does.
        const { store, view } = resolveItem(ctx, idEl);
        const archiveTop = store.distinguishedFolder('archivemsgfolderroot');
        if (archiveTop === undefined) {
          throw new ResponseError(
            'ErrorArchiveMailboxNotEnabled',
            'Archive mailbox is not enabled for this user.',
          );
        }
        const source = resolveTargetFolder(
          ctx,
          child(request, 'ArchiveSourceFolderId'),
          'ErrorFolderNotFound',
        );
        if (source.store !== store) {
          throw new ResponseError('ErrorInvalidOperation', 'Items are archived within their own mailbox.');
        }
        if (view.occurrence !== undefined) {
          throw new ResponseError(
            'ErrorCalendarCannotMoveOrCopyOccurrence',
            'Occurrences of a series cannot be moved or copied.',
          );
        }
        const destination = archiveDestination(store, source.folder, archiveTop);
        const placed = moveItem(ctx.state.transfers, store, view.item, destination.id, ctx.now);
        return el(
          'm:Items',
          null,
          el(ITEM_ELEMENT[placed.kind], null, el('t:ItemId', { Id: placed.id, ChangeKey: placed.changeKey })),
        );
      },
      () => el('m:Items', null),
    ),
  );
  return operationResponse('ArchiveItem', messages);
};

/** The folders from the tree's top down to `folder` (the top included). */
function lineage(store: MailboxStore, folder: StoredFolder): StoredFolder[] {
  const chain: StoredFolder[] = [];
  for (let at: StoredFolder | undefined = folder; at !== undefined; ) {
    chain.unshift(at);
    at = at.parentId === undefined ? undefined : store.folders.get(at.parentId);
  }
  return chain;
}

/** Where an item archived from (or into) `source` lands; see `archiveItem`. */
function archiveDestination(
  store: MailboxStore,
  source: StoredFolder,
  archiveTop: StoredFolder,
): StoredFolder {
  const chain = lineage(store, source);
  if (chain[0]?.distinguishedId === 'archiveroot') return source;
  const top = chain.findIndex((f) => f.distinguishedId === 'msgfolderroot');
  if (top < 0) {
    throw new ResponseError(
      'ErrorArchiveFolderPathCreation',
      'Only folders below Top of Information Store have an archive folder.',
    );
  }
  let at = archiveTop;
  for (const folder of chain.slice(top + 1)) {
    const wanted = folder.displayName.toLowerCase();
    at =
      store.childFolders(at.id).find((f) => f.displayName.toLowerCase() === wanted) ??
      store.addFolder({
        parentId: at.id,
        kind: folder.kind,
        folderClass: folder.folderClass,
        displayName: folder.displayName,
      });
  }
  return at;
}
