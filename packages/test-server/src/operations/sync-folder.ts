import { renderFolder } from '../render/render-folder.js';
import { renderItem } from '../render/render-item.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child, childText } from '../xml/xml-tree.js';
import { el, textEl } from '../xml/xml-writer.js';
import { folderCounts } from './folder-counts.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import type { OperationHandler } from './operation-context.js';
import { storeForAddress } from './resolve-folder.js';
import { decodeSyncState, diffSnapshot, encodeSyncState, itemEntry, maxChanges } from './sync-state.js';

/** SyncFolderItems: creates, updates and deletes since the client's SyncState, MaxChangesReturned at a time. */
export const syncFolderItems: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'ItemShape'));
  const message = messageFor('SyncFolderItemsResponseMessage', () => {
    const { store, folder } = resolveTargetFolder(ctx, child(request, 'SyncFolderId'), 'ErrorFolderNotFound');
    const max = maxChanges(childText(request, 'MaxChangesReturned'));
    const snapshot = decodeSyncState(childText(request, 'SyncState'), folder.id);
    const items = store.itemsIn(folder.id);
    const current = new Map(items.map((i) => [i.id, itemEntry(i)]));
    const { changes, next, complete } = diffSnapshot(snapshot, current, max);
    return [
      textEl('m:SyncState', encodeSyncState(next)),
      textEl('m:IncludesLastItemInRange', complete),
      el(
        'm:Changes',
        null,
        changes.map((change) => {
          if (change.type === 'Delete') return el('t:Delete', null, el('t:ItemId', { Id: change.id }));
          const item = store.items.get(change.id);
          if (item !== undefined && change.type === 'ReadFlagChange') {
            return el(
              't:ReadFlagChange',
              null,
              el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }),
              textEl('t:IsRead', item.message?.isRead ?? false),
            );
          }
          return item === undefined
            ? undefined
            : el(`t:${change.type}`, null, renderItem({ item }, shape, 'find'));
        }),
      ),
    ];
  });
  return operationResponse('SyncFolderItems', [message]);
};

/** SyncFolderHierarchy: folder creates, updates (rename, move) and deletes below SyncFolderId (default: root). */
export const syncFolderHierarchy: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'FolderShape'));
  const message = messageFor('SyncFolderHierarchyResponseMessage', () => {
    const target = child(request, 'SyncFolderId');
    const { store, folder } =
      target === undefined
        ? (() => {
            const own = storeForAddress(ctx, undefined);
            return { store: own, folder: own.requireDistinguished('root') };
          })()
        : resolveTargetFolder(ctx, target, 'ErrorFolderNotFound');
    const snapshot = decodeSyncState(childText(request, 'SyncState'), folder.id);
    const folders = store.descendantFolders(folder.id);
    const current = new Map(folders.map((f) => [f.id, { changeKey: f.changeKey }]));
    const { changes, next } = diffSnapshot(snapshot, current, Number.MAX_SAFE_INTEGER);
    return [
      textEl('m:SyncState', encodeSyncState(next)),
      textEl('m:IncludesLastFolderInRange', true),
      el(
        'm:Changes',
        null,
        changes.map((change) => {
          if (change.type === 'Delete') return el('t:Delete', null, el('t:FolderId', { Id: change.id }));
          const found = store.folders.get(change.id);
          return found === undefined
            ? undefined
            : el(`t:${change.type}`, null, renderFolder(found, shape, folderCounts(store, found)));
        }),
      ),
    ];
  });
  return operationResponse('SyncFolderHierarchy', [message]);
};
