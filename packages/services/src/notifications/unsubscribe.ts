import { type CallOptions, isResponseError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import { buildUnsubscribe, readUnsubscribe } from '../operations/unsubscribe.js';

/** Ends a pull, push or streaming subscription (exchangelib's `folder.unsubscribe(id)`). */
export async function unsubscribe(
  account: AccountContext,
  subscriptionId: string,
  options: CallOptions = {},
): Promise<void> {
  const body = buildUnsubscribe({ subscriptionId });
  readUnsubscribe(await send(account, 'Unsubscribe', body, options));
}

/** What every subscription object shares: its id, and ending it once. */
export abstract class Subscription implements AsyncDisposable {
  readonly account: AccountContext;
  readonly id: string;
  #ended = false;

  constructor(account: AccountContext, id: string) {
    this.account = account;
    this.id = id;
  }

  /** Whether `unsubscribe()` has succeeded. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Unsubscribe; afterwards GetEvents/GetStreamingEvents fail with ErrorSubscriptionNotFound. */
  async unsubscribe(options: CallOptions = {}): Promise<void> {
    await unsubscribe(this.account, this.id, options);
    this.#ended = true;
  }

  /**
   * `await using` ends the subscription (unless it was already ended). ErrorSubscriptionNotFound
   * counts as ended: the server may have ended it first (a push callback answered Unsubscribe, a
   * pull subscription expired), and leaving the scope should not fail for that.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#ended) return;
    try {
      await this.unsubscribe();
    } catch (error) {
      if (!isResponseError(error, 'ErrorSubscriptionNotFound')) throw error;
      this.#ended = true;
    }
  }
}
