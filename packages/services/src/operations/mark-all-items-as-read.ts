import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';

export interface MarkAllItemsAsReadParams {
  /** The folders, each naming its mailbox. */
  readonly folders: readonly MailboxFolderRef[];
  /** true: read; false: unread. */
  readonly read: boolean;
  /** Send no read receipts for the messages marked read. */
  readonly suppressReadReceipts: boolean;
}

/** MarkAllItemsAsRead (Exchange 2013): ReadFlag and SuppressReadReceipts are both required by the schema. */
export function buildMarkAllItemsAsRead(params: MarkAllItemsAsReadParams): XmlFragment {
  if (params.folders.length === 0)
    throw new EwsInvalidArgumentError('MarkAllItemsAsRead needs at least one folder');
  for (const [name, value] of [
    ['read', params.read],
    ['suppressReadReceipts', params.suppressReadReceipts],
  ] as const) {
    if (typeof value !== 'boolean')
      throw new EwsInvalidArgumentError(`MarkAllItemsAsRead: ${name} must be true or false`);
  }
  return el('m:MarkAllItemsAsRead', {}, [
    el('m:ReadFlag', {}, params.read),
    el('m:SuppressReadReceipts', {}, params.suppressReadReceipts),
    el(
      'm:FolderIds',
      {},
      params.folders.map((f) => targetFolderIdXml(f, 'MarkAllItemsAsRead')),
    ),
  ]);
}

/** One outcome per folder in request order (`sent`: how many folders the request named). */
export function readMarkAllItemsAsRead(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readOutcomes(response, 'MarkAllItemsAsRead', sent, () => ({ ok: true, value: true }));
}
