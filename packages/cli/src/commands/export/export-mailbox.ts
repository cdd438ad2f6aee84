import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Account,
  type FolderHandle,
  isDistinguishedFolderId,
  isResponseError,
  type Model,
} from '@ews/client';
import { CliError } from '../../output/cli-error.js';
import { CHECKPOINT_FILE, Checkpoint } from './checkpoint.js';

/** One mailbox of `ews export --json`. */
export interface ExportMailboxJson {
  readonly mailbox: string;
  readonly folder: string;
  /** Where its `.eml` files and checkpoint are. */
  readonly directory: string;
  /** Items in the folder when the export started (the server's TotalCount). */
  readonly total: number;
  /** Written by this run. */
  readonly exported: number;
  /** Already written by an earlier run (in the checkpoint), skipped. */
  readonly skipped: number;
  /** Listed, then gone before they could be read (deleted meanwhile, ErrorItemNotFound). */
  readonly vanished: number;
  /** Why this mailbox's export stopped, when it did (the others go on). */
  readonly error: string | undefined;
}

export interface ExportProgress {
  start(mailbox: string, total: number, done: number): void;
  advance(mailbox: string, done: number): void;
  finish(mailbox: string, result: ExportMailboxJson): void;
}

export interface ExportMailboxOptions {
  readonly account: Account;
  readonly folder: string;
  readonly out: string;
  readonly signal: AbortSignal;
  readonly progress: ExportProgress;
  /** FindItem page size (ids only). */
  readonly pageSize?: number | undefined;
  /** Items read with one GetItem (their MIME content): at most this many are in memory at once. */
  readonly batchSize?: number | undefined;
}

/** `alice@contoso.test` → a directory name (anything but letters, digits, `@._-` becomes `_`). */
export function mailboxDirectory(mailbox: string): string {
  return mailbox.toLowerCase().replace(/[^a-z0-9@._-]/g, '_');
}

/** The file of an item: named by its id's hash, so writing it again replaces it, never duplicates it. */
export function itemFileName(id: string): string {
  return `${createHash('sha256').update(id).digest('hex').slice(0, 40)}.eml`;
}

function folderOf(account: Account, name: string): Promise<FolderHandle<Model>> | FolderHandle<Model> {
  const lower = name.toLowerCase();
  if (isDistinguishedFolderId(lower)) return account.folder(lower);
  // Otherwise a path below the top of the mailbox, e.g. "Inbox/Projects".
  return account.msgFolderRoot.path(name);
}

/**
 * Exports one folder as RFC 5322 files (`.eml`, the item's MIME content). Bounded memory: ids
 * come page by page (FindItem), contents `batchSize` at a time (GetItem); only the checkpoint's id
 * set grows with the folder. Resumable: see Checkpoint.
 */
export async function exportMailbox(
  mailbox: string,
  options: ExportMailboxOptions,
): Promise<ExportMailboxJson> {
  const { account, signal, progress } = options;
  const directory = join(options.out, mailboxDirectory(mailbox));
  const pageSize = options.pageSize ?? 500;
  const batchSize = options.batchSize ?? 100;
  await mkdir(directory, { recursive: true });
  // A file half written when a run stopped: its item is not in the checkpoint, so it comes again.
  for (const name of await readdir(directory))
    if (name.endsWith('.partial')) await rm(join(directory, name), { force: true });
  let checkpoint: Checkpoint | undefined;
  let exported = 0;
  let skipped = 0;
  let vanished = 0;
  let total = 0;
  const result = (error: string | undefined): ExportMailboxJson => ({
    mailbox,
    folder: options.folder,
    directory,
    total,
    exported,
    skipped,
    vanished,
    error,
  });
  try {
    const opened = await Checkpoint.open(join(directory, CHECKPOINT_FILE), {
      format: 'ews-export-checkpoint/1',
      mailbox,
      folder: options.folder,
    });
    checkpoint = opened;
    const folder = await folderOf(account, options.folder);
    total = (await folder.get({ signal })).totalCount ?? 0;
    progress.start(mailbox, total, opened.size);

    const writeBatch = async (ids: readonly string[]): Promise<void> => {
      const fetched = await account.fetch(ids, { only: ['mimeContent'], chunkSize: batchSize, signal });
      const written: string[] = [];
      const writes: Promise<void>[] = [];
      for (const [index, outcome] of fetched.entries()) {
        const id = ids[index] as string;
        if (!outcome.ok) {
          if (isResponseError(outcome.error, 'ErrorItemNotFound')) {
            vanished += 1;
            continue;
          }
          throw outcome.error;
        }
        const mime = outcome.value.item.mimeContent;
        if (!mime)
          throw new CliError('EXPORT_NO_MIME', `the server sent no MIME content for an item of ${mailbox}`);
        const file = join(directory, itemFileName(id));
        writes.push(writeFile(`${file}.partial`, mime).then(() => rename(`${file}.partial`, file)));
        written.push(id);
      }
      // Every file of the batch is in place before any of their ids is recorded.
      await Promise.all(writes);
      await opened.record(written);
      exported += written.length;
      progress.advance(mailbox, opened.size);
    };

    let batch: string[] = [];
    const query = folder.all().only('subject').orderBy('dateTimeReceived').pageSize(pageSize);
    for await (const item of query.iterate({ signal })) {
      const id = (item as { readonly itemId?: { readonly id?: string } }).itemId?.id;
      if (!id) throw new CliError('EXPORT_BAD_ID', `an item of ${mailbox} without an id`);
      if (opened.has(id)) {
        skipped += 1;
        continue;
      }
      batch.push(id);
      if (batch.length >= batchSize) {
        await writeBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await writeBatch(batch);
    const done = result(undefined);
    progress.finish(mailbox, done);
    return done;
  } catch (error) {
    if (signal.aborted) throw error;
    const failed = result(error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500));
    progress.finish(mailbox, failed);
    return failed;
  } finally {
    await checkpoint?.close();
  }
}
