import type { AccountContext } from '../account/account-context.js';
import { Subscription } from './unsubscribe.js';

/**
 * A push subscription: Exchange POSTs `SendNotification` requests to the callback URL. Read each
 * with `readSendNotification(body)` and answer `sendNotificationResult('OK' | 'Unsubscribe')`.
 */
export class PushSubscription extends Subscription {
  /** Where the subscription started; events after it are pushed. */
  readonly watermark: string | undefined;

  constructor(account: AccountContext, id: string, watermark: string | undefined) {
    super(account, id);
    this.watermark = watermark;
  }
}
