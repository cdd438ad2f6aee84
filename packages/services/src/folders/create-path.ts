import { type CallOptions, EwsInvalidArgumentError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { onlyOutcome } from '../internal/messages.js';
import { send } from '../internal/send.js';
import type { FolderKind, NewFolder } from '../operations/create-folder.js';
import { buildCreateFolderPath, readCreateFolderPath } from '../operations/create-folder-path.js';
import type { FolderIdRef } from '../operations/folder-id-results.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { splitFolderPath } from './folder-pattern.js';

export interface CreatePathOptions<K extends FolderKind> extends CallOptions {
  /** What the LAST folder of the path holds (default `mail`); the folders above it are mail folders. */
  readonly kind?: K | undefined;
  /** Overrides the last folder's class, e.g. `IPF.Note.Custom`. */
  readonly folderClass?: string | undefined;
}

/** `'a/b/c'` → the folders of a CreateFolderPath request; `/x`, `.` and `..` are refused. */
export function folderPathSegments(path: string): readonly string[] {
  const { absolute, segments } = splitFolderPath(path);
  if (absolute)
    throw new EwsInvalidArgumentError('createPath takes a path relative to the folder (no leading "/")');
  if (segments.length === 0) throw new EwsInvalidArgumentError('createPath needs at least one folder name');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || segment.trim() === '')
      throw new EwsInvalidArgumentError(`createPath: ${JSON.stringify(segment)} is not a folder name`);
  }
  return segments;
}

/**
 * Creates the missing folders of `path` below `parent` in one CreateFolderPath request (Exchange
 * 2013+); folders already there are kept. Resolves with the id of the path's last folder; the
 * first level that failed is thrown (EwsResponseError), and an answer without one message per
 * level is EWS_PROTOCOL.
 */
export async function createFolderPath(
  account: AccountContext,
  parent: MailboxFolderRef,
  path: string,
  options: CreatePathOptions<FolderKind> = {},
): Promise<FolderIdRef> {
  const segments = folderPathSegments(path);
  const folders: NewFolder[] = segments.map((displayName, index) =>
    index === segments.length - 1
      ? { displayName, kind: options.kind, folderClass: options.folderClass }
      : { displayName },
  );
  const body = buildCreateFolderPath({ parent, folders });
  const outcomes = readCreateFolderPath(
    await send(account, 'CreateFolderPath', body, options),
    folders.length,
  );
  const failed = outcomes.find(
    (outcome): outcome is Extract<Outcome<FolderIdRef>, { ok: false }> => !outcome.ok,
  );
  if (failed) throw failed.error;
  return onlyOutcome(outcomes.slice(-1), 'CreateFolderPath');
}
