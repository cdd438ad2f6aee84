import { type CallOptions, EwsProtocolError, type XmlFragment } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import { buildSubscribe, readSubscribe, type SubscriptionEventType } from '../operations/subscribe.js';
import { type FolderTarget, mailboxFolderRef } from '../refs.js';
import { PullSubscription } from './pull-subscription.js';
import { PushSubscription } from './push-subscription.js';
import { StreamingSubscription } from './streaming-events.js';

/** exchangelib's defaults: a pull subscription lives 60 minutes unpolled; push status every minute. */
export const DEFAULT_PULL_TIMEOUT_MINUTES = 60;
export const DEFAULT_STATUS_FREQUENCY_MINUTES = 1;

/**
 * The folders a subscription watches: some folders of the account's mailbox (a distinguished
 * folder given without a mailbox is the account's, see `mailboxFolderRef`), or `allFolders` — all
 * folders of the mailbox Exchange acts as: the impersonated one, or the signed-in user's own (a
 * subscription request names no other mailbox; Exchange refuses subscriptions through delegate
 * access with ErrorSubscriptionDelegateAccessNotSupported).
 */
export type SubscriptionFolders = readonly FolderTarget[] | 'allFolders';

export interface SubscribeOptions extends CallOptions {
  /** The events wanted (default: every item and folder event except FreeBusyChangedEvent). */
  readonly events?: readonly SubscriptionEventType[] | undefined;
}

export interface PullSubscribeOptions extends SubscribeOptions {
  /** A watermark saved from an earlier subscription: events after it are delivered again. */
  readonly watermark?: string | undefined;
  /** Minutes (1…1440) the subscription lives without a GetEvents call (default 60). */
  readonly timeoutMinutes?: number | undefined;
}

export interface PushSubscribeOptions extends SubscribeOptions {
  readonly watermark?: string | undefined;
  /** Minutes (1…1440) between StatusEvents when nothing happens (default 1). */
  readonly statusFrequencyMinutes?: number | undefined;
  /** Text Exchange sends back with every notification (Exchange 2013+). */
  readonly callerData?: string | undefined;
}

function target(account: AccountContext, folders: SubscriptionFolders) {
  if (folders === 'allFolders') return { allFolders: true };
  return { folders: folders.map((folder) => mailboxFolderRef(account.primarySmtpAddress, folder)) };
}

async function subscribe(account: AccountContext, body: XmlFragment, options: CallOptions) {
  return readSubscribe(await send(account, 'Subscribe', body, options));
}

/** A pull subscription (exchangelib's `subscribe_to_pull`): poll it with `getEvents()` or iterate it. */
export async function subscribeToPull(
  account: AccountContext,
  folders: SubscriptionFolders,
  options: PullSubscribeOptions = {},
): Promise<PullSubscription> {
  const body = buildSubscribe({
    kind: 'pull',
    ...target(account, folders),
    eventTypes: options.events,
    watermark: options.watermark,
    timeoutMinutes: options.timeoutMinutes ?? DEFAULT_PULL_TIMEOUT_MINUTES,
  });
  const { subscriptionId, watermark } = await subscribe(account, body, options);
  if (watermark === undefined)
    throw new EwsProtocolError('Subscribe answered a pull subscription without a Watermark', {
      operation: 'Subscribe',
    });
  return new PullSubscription(account, subscriptionId, watermark);
}

/** A streaming subscription (exchangelib's `subscribe_to_streaming`): read it with `events()`. */
export async function subscribeToStreaming(
  account: AccountContext,
  folders: SubscriptionFolders,
  options: SubscribeOptions = {},
): Promise<StreamingSubscription> {
  const body = buildSubscribe({ kind: 'streaming', ...target(account, folders), eventTypes: options.events });
  const { subscriptionId } = await subscribe(account, body, options);
  return new StreamingSubscription(account, subscriptionId);
}

/** A push subscription (exchangelib's `subscribe_to_push`): Exchange POSTs to `callbackUrl`. */
export async function subscribeToPush(
  account: AccountContext,
  folders: SubscriptionFolders,
  callbackUrl: string,
  options: PushSubscribeOptions = {},
): Promise<PushSubscription> {
  const body = buildSubscribe({
    kind: 'push',
    ...target(account, folders),
    eventTypes: options.events,
    watermark: options.watermark,
    url: callbackUrl,
    statusFrequencyMinutes: options.statusFrequencyMinutes ?? DEFAULT_STATUS_FREQUENCY_MINUTES,
    callerData: options.callerData,
  });
  const { subscriptionId, watermark } = await subscribe(account, body, options);
  return new PushSubscription(account, subscriptionId, watermark);
}
