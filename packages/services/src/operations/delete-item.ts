import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef } from '../refs.js';

export type DeleteType = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';
export type SendMeetingCancellations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';
export type AffectedTaskOccurrences = 'AllOccurrences' | 'SpecifiedOccurrenceOnly';

export interface DeleteItemParams {
  readonly items: readonly AnyItemRef[];
  readonly deleteType?: DeleteType | undefined;
  readonly sendMeetingCancellations?: SendMeetingCancellations | undefined;
  readonly affectedTaskOccurrences?: AffectedTaskOccurrences | undefined;
}

export function buildDeleteItem(params: DeleteItemParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('DeleteItem needs at least one item id');
  const attributes = {
    DeleteType: params.deleteType ?? 'MoveToDeletedItems',
    SendMeetingCancellations: params.sendMeetingCancellations ?? 'SendToNone',
    AffectedTaskOccurrences: params.affectedTaskOccurrences ?? 'AllOccurrences',
  };
  return el(
    'm:DeleteItem',
    attributes,
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'DeleteItem')),
    ),
  );
}

/** One outcome per id in request order (`sent`: how many ids the request named). */
export function readDeleteItem(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readOutcomes(response, 'DeleteItem', sent, () => ({ ok: true, value: true }));
}
