import { child, EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import { optionalItemRef } from './item-id-results.js';

/** CreateNew makes a new item; Update replaces `item`; UpdateOrCreate replaces it or makes a new one. */
export type UploadCreateAction = 'CreateNew' | 'Update' | 'UpdateOrCreate';

export interface UploadItem {
  /** The folder id (not a distinguished name: the schema allows only FolderId here). */
  readonly parentFolderId: string;
  /** The base64 Data from ExportItems. */
  readonly data: string;
  readonly createAction?: UploadCreateAction | undefined;
  /** The item to replace (Update / UpdateOrCreate). */
  readonly item?: ItemRef | undefined;
  /** Upload into the folder's associated (hidden) items. */
  readonly isAssociated?: boolean | undefined;
}

export function buildUploadItems(params: { readonly items: readonly UploadItem[] }): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('UploadItems needs at least one item');
  const items = params.items.map((upload) => {
    const action = upload.createAction ?? (upload.item === undefined ? 'CreateNew' : 'Update');
    if (action === 'Update' && upload.item === undefined)
      throw new EwsInvalidArgumentError('UploadItems: Update needs the item to replace');
    if (typeof upload.parentFolderId !== 'string' || upload.parentFolderId === '')
      throw new EwsInvalidArgumentError('UploadItems: parentFolderId must be a folder id');
    const item =
      upload.item === undefined || action === 'CreateNew' ? undefined : itemIdXml(upload.item, 'UploadItems');
    return el('t:Item', { CreateAction: action, IsAssociated: upload.isAssociated }, [
      el('t:ParentFolderId', { Id: upload.parentFolderId }),
      item,
      el('t:Data', {}, upload.data),
    ]);
  });
  return el('m:UploadItems', {}, el('m:Items', {}, items));
}

/** One outcome per upload in request order (`sent`: how many items the request named): the item's id. */
export function readUploadItems(
  response: EwsResponse,
  sent: number,
): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(
    response,
    'UploadItems',
    sent,
    (message): Outcome<ItemRef | undefined> => ({
      ok: true,
      value: optionalItemRef(child(message.node, 'ItemId'), 'UploadItems'),
    }),
  );
}
