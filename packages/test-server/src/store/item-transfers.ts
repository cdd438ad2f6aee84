/**
 * An item a request moved or copied. Item ids name their folder in Exchange, so both give the item a
 * new id; notifications report the pair (OldItemId → ItemId) from this record.
 */
export interface ItemTransfer {
  readonly kind: 'moved' | 'copied';
  readonly oldId: string;
  readonly newId: string;
  readonly oldParentFolderId: string;
  readonly newParentFolderId: string;
}

/** What requests moved or copied since subscriptions last looked (one per server, on its state). */
export class ItemTransferLog {
  private pending: ItemTransfer[] = [];

  record(transfer: ItemTransfer): void {
    this.pending.push(transfer);
  }

  /** Hands over everything recorded so far and forgets it (events are collected after every request). */
  take(): ItemTransfer[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}
