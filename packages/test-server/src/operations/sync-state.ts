import { createHash } from 'node:crypto';
import type { StoredItem } from '../store/item-model.js';
import { ResponseError } from './operation-context.js';

/**
 * What a client saw of one entry: its change key and, for items, a fingerprint of everything but the
 * read flag (so a change of IsRead alone can be told from any other change).
 */
export interface SeenEntry {
  readonly changeKey: string;
  readonly content?: string;
}

/** What a client has seen of one folder: entry id → what it saw, plus the folder the state is for. */
export interface SyncSnapshot {
  readonly folderId: string;
  readonly seen: ReadonlyMap<string, SeenEntry>;
}

export type SyncChange =
  | {
      readonly type: 'Create' | 'Update' | 'ReadFlagChange';
      readonly id: string;
      readonly entry: SeenEntry;
    }
  | { readonly type: 'Delete'; readonly id: string };

/** An item as SyncFolderItems compares it: its change key and its fingerprint without the read flag. */
export function itemEntry(item: StoredItem): SeenEntry {
  const { changeKey, lastModifiedTime: _modified, mimeContent: _mime, message, ...rest } = item;
  const unread = message === undefined ? undefined : { ...message, isRead: undefined };
  const content = createHash('sha256')
    .update(JSON.stringify({ ...rest, message: unread }))
    .digest('base64')
    .slice(0, 16);
  return { changeKey, content };
}

const PREFIX = 'H4sI'; // looks like Exchange's (gzip base64) states; the content is our own JSON

/** Sync states are opaque to clients; ours carry the snapshot so the server keeps no per-client state. */
export function encodeSyncState(snapshot: SyncSnapshot): string {
  const seen = [...snapshot.seen].map(([id, { changeKey, content }]) =>
    content === undefined ? [id, changeKey] : [id, changeKey, content],
  );
  const json = JSON.stringify({ f: snapshot.folderId, s: seen });
  return PREFIX + Buffer.from(json).toString('base64');
}

export function decodeSyncState(state: string | undefined, folderId: string): SyncSnapshot {
  if (state === undefined || state.trim() === '') return { folderId, seen: new Map() };
  try {
    if (!state.startsWith(PREFIX)) throw new Error('foreign state');
    const parsed = JSON.parse(Buffer.from(state.slice(PREFIX.length), 'base64').toString('utf8')) as {
      f: unknown;
      s: unknown;
    };
    if (parsed.f !== folderId || !Array.isArray(parsed.s)) throw new Error('other folder');
    const seen = new Map<string, SeenEntry>();
    for (const entry of parsed.s as unknown[]) {
      if (!Array.isArray(entry) || entry.length < 2 || entry.length > 3) throw new Error('bad entry');
      if (!entry.every((part) => typeof part === 'string')) throw new Error('bad entry');
      const [id, changeKey, content] = entry as string[];
      seen.set(
        id ?? '',
        content === undefined ? { changeKey: changeKey ?? '' } : { changeKey: changeKey ?? '', content },
      );
    }
    return { folderId, seen };
  } catch {
    throw new ResponseError(
      'ErrorInvalidSyncStateData',
      'Synchronization state data is corrupt or otherwise invalid.',
    );
  }
}

/**
 * The changes from `snapshot` to `current`, at most `max` of them, in Exchange's order (creates and
 * updates in store order, then deletes), and the state after them. An entry whose change key moved but
 * whose fingerprint did not changed only its read flag: a ReadFlagChange, as Exchange reports it.
 */
export function diffSnapshot(
  snapshot: SyncSnapshot,
  current: ReadonlyMap<string, SeenEntry>,
  max: number,
): { changes: SyncChange[]; next: SyncSnapshot; complete: boolean } {
  const all: SyncChange[] = [];
  for (const [id, entry] of current) {
    const known = snapshot.seen.get(id);
    if (known === undefined) all.push({ type: 'Create', id, entry });
    else if (known.changeKey !== entry.changeKey) {
      const readOnly = known.content !== undefined && known.content === entry.content;
      all.push({ type: readOnly ? 'ReadFlagChange' : 'Update', id, entry });
    }
  }
  for (const id of snapshot.seen.keys()) if (!current.has(id)) all.push({ type: 'Delete', id });
  const changes = all.slice(0, max);
  const seen = new Map(snapshot.seen);
  for (const change of changes) {
    if (change.type === 'Delete') seen.delete(change.id);
    else seen.set(change.id, change.entry);
  }
  return { changes, next: { folderId: snapshot.folderId, seen }, complete: changes.length === all.length };
}

/** MaxChangesReturned: 1 to 512 in the schema. */
export function maxChanges(text: string | undefined): number {
  const max = Number(text);
  if (!Number.isInteger(max) || max < 1 || max > 512) {
    throw new ResponseError('ErrorInvalidRequest', 'MaxChangesReturned must be between 1 and 512.');
  }
  return max;
}
