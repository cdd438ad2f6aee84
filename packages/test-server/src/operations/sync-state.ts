import { ResponseError } from './operation-context.js';

/** What a client has seen of one folder: entry id → change key, plus the folder the state is for. */
export interface SyncSnapshot {
  readonly folderId: string;
  readonly seen: ReadonlyMap<string, string>;
}

export type SyncChange =
  | { readonly type: 'Create' | 'Update'; readonly id: string; readonly changeKey: string }
  | { readonly type: 'Delete'; readonly id: string };

const PREFIX = 'H4sI'; // looks like Exchange's (gzip base64) states; the content is our own JSON

/** Sync states are opaque to clients; ours carry the snapshot so the server keeps no per-client state. */
export function encodeSyncState(snapshot: SyncSnapshot): string {
  const json = JSON.stringify({ f: snapshot.folderId, s: [...snapshot.seen] });
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
    return { folderId, seen: new Map(parsed.s as [string, string][]) };
  } catch {
    throw new ResponseError(
      'ErrorInvalidSyncStateData',
      'Synchronization state data is corrupt or otherwise invalid.',
    );
  }
}

/**
 * The changes from `snapshot` to `current` (entry id → change key), at most `max` of them, in
 * Exchange's order (creates and updates in store order, then deletes), and the state after them.
 */
export function diffSnapshot(
  snapshot: SyncSnapshot,
  current: ReadonlyMap<string, string>,
  max: number,
): { changes: SyncChange[]; next: SyncSnapshot; complete: boolean } {
  const all: SyncChange[] = [];
  for (const [id, changeKey] of current) {
    const known = snapshot.seen.get(id);
    if (known === undefined) all.push({ type: 'Create', id, changeKey });
    else if (known !== changeKey) all.push({ type: 'Update', id, changeKey });
  }
  for (const id of snapshot.seen.keys()) if (!current.has(id)) all.push({ type: 'Delete', id });
  const changes = all.slice(0, max);
  const seen = new Map(snapshot.seen);
  for (const change of changes) {
    if (change.type === 'Delete') seen.delete(change.id);
    else seen.set(change.id, change.changeKey);
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
