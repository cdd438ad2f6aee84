import type { CallOptions } from '@ews/core';
import type { Model } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { LoadedFolder } from '../account/folder-handle.js';
import { send } from '../internal/send.js';
import { buildGetFolder, readGetFolder } from '../operations/get-folder.js';
import { ItemQuery } from '../query/item-query.js';
import { type FolderTarget, type MailboxFolderRef, mailboxFolderRef } from '../refs.js';
import { QueryableItems } from './queryable-items.js';

/**
 * Several folders searched as one (exchangelib's FolderCollection): one FindItem with several
 * ParentFolderIds per page. Results come folder by folder within each page (Exchange sorts each
 * folder on its own).
 */
export class FolderCollection<M extends Model> extends QueryableItems<M> {
  readonly account: AccountContext;
  /** The folders, naming their mailbox: a distinguished one given without it is the account's. */
  readonly refs: readonly MailboxFolderRef[];
  /** The items model filters, `only()` and ordering are checked against. */
  readonly model: M;

  constructor(account: AccountContext, folders: readonly FolderTarget[], model: M) {
    super();
    this.account = account;
    this.refs = folders.map((folder) => mailboxFolderRef(account.primarySmtpAddress, folder));
    this.model = model;
  }

  /** Every folder's properties in one GetFolder call, in order; the first folder that failed throws. */
  async get(options: CallOptions = {}): Promise<LoadedFolder<M>[]> {
    if (this.refs.length === 0) return [];
    const response = await send(this.account, 'GetFolder', buildGetFolder({ folders: this.refs }), options);
    return readGetFolder(response, this.refs.length).map((outcome, index) => {
      if (!outcome.ok) throw outcome.error;
      return new LoadedFolder(this.account, outcome.value, this.model, this.refs[index]);
    });
  }

  all(): ItemQuery<M> {
    return new ItemQuery(this.account, this.refs, this.model);
  }
}
