import { readFile, writeFile } from 'node:fs/promises';
import { TestServerError } from '../server/test-server-error.js';
import type { ExchangeState } from './exchange-state.js';
import type { StoredFolder, StoredItem } from './item-model.js';
import type { OofSettings } from './mailbox-store.js';

const FORMAT = 'ews-test-server-state/1';

interface SavedMailbox {
  readonly address: string;
  readonly folders: StoredFolder[];
  readonly items: StoredItem[];
  readonly oof?: OofSettings;
}

interface SavedState {
  readonly format: string;
  readonly lastId: number;
  readonly mailboxes: SavedMailbox[];
}

// Dates survive as {"$date": ISO}; `this[key]` is the value before Date#toJSON ran.
export function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

export function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '$date' in value) {
    const text = (value as { $date: unknown }).$date;
    if (typeof text === 'string') return new Date(text);
  }
  return value;
}

/** The mailbox contents as JSON (the directory is not saved: it comes from the seed). */
export function serializeState(state: ExchangeState): string {
  const saved: SavedState = {
    format: FORMAT,
    lastId: state.ids.last,
    mailboxes: state.allStores().map((store) => ({
      address: store.owner.address,
      folders: [...store.folders.values()],
      items: [...store.items.values()],
      oof: store.oof,
    })),
  };
  return JSON.stringify(saved, replacer, 1);
}

/** Replaces every mailbox's content with the saved one; the mailboxes must match the directory. */
export function restoreState(state: ExchangeState, json: string): void {
  let saved: SavedState;
  try {
    saved = JSON.parse(json, reviver) as SavedState;
  } catch (error) {
    throw new TestServerError('TEST_SERVER_STATE', `state file is not JSON: ${String(error)}`);
  }
  if (saved.format !== FORMAT || !Array.isArray(saved.mailboxes)) {
    throw new TestServerError('TEST_SERVER_STATE', `state file is not in ${FORMAT} format`);
  }
  const stores = state.allStores();
  const addresses = stores.map((s) => s.owner.address.toLowerCase()).join(',');
  if (saved.mailboxes.map((m) => m.address.toLowerCase()).join(',') !== addresses) {
    throw new TestServerError('TEST_SERVER_STATE', 'state file was saved for a different directory');
  }
  saved.mailboxes.forEach((mailbox, index) => {
    const store = stores[index];
    store?.replaceContent(mailbox.folders, mailbox.items);
    if (store !== undefined && mailbox.oof !== undefined) store.oof = mailbox.oof;
  });
  state.ids.resumeAfter(saved.lastId);
}

export async function saveStateFile(state: ExchangeState, path: string): Promise<void> {
  await writeFile(path, serializeState(state), 'utf8');
}

export async function loadStateFile(state: ExchangeState, path: string): Promise<void> {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (error) {
    throw new TestServerError('TEST_SERVER_STATE', `cannot read state file ${path}: ${String(error)}`);
  }
  restoreState(state, json);
}
