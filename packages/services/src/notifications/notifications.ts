import type { CallOptions } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import type { Notification } from '../operations/notifications.js';
import type { FolderTarget } from '../refs.js';
import { getEvents, type PullSubscription } from './pull-subscription.js';
import type { PushSubscription } from './push-subscription.js';
import {
  type StreamingEventsOptions,
  type StreamingSubscription,
  streamingEvents,
} from './streaming-events.js';
import {
  type PullSubscribeOptions,
  type PushSubscribeOptions,
  type SubscribeOptions,
  type SubscriptionFolders,
  subscribeToPull,
  subscribeToPush,
  subscribeToStreaming,
} from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';
import { SubscriptionWatch, type WatchOptions } from './watch.js';

export interface NotificationFoldersOption {
  /** The folders to watch (one mailbox); default: every folder of the account's mailbox. */
  readonly folders?: readonly FolderTarget[] | undefined;
}

/**
 * Subscriptions and events of one account (`account.notifications`): pull, streaming and push
 * subscriptions on some or all folders, plus the raw calls by id for subscriptions kept elsewhere.
 * `folder.subscribeToPull()` & co. are the same for a single folder.
 */
export class Notifications {
  readonly #account: AccountContext;

  constructor(account: AccountContext) {
    this.#account = account;
  }

  subscribeToPull(options: PullSubscribeOptions & NotificationFoldersOption = {}): Promise<PullSubscription> {
    return subscribeToPull(this.#account, foldersOf(options), options);
  }

  subscribeToStreaming(
    options: SubscribeOptions & NotificationFoldersOption = {},
  ): Promise<StreamingSubscription> {
    return subscribeToStreaming(this.#account, foldersOf(options), options);
  }

  subscribeToPush(
    callbackUrl: string,
    options: PushSubscribeOptions & NotificationFoldersOption = {},
  ): Promise<PushSubscription> {
    return subscribeToPush(this.#account, foldersOf(options), callbackUrl, options);
  }

  /** Several streaming subscriptions on one connection; see `streamingEvents`. */
  streamingEvents(
    subscriptions: readonly (string | { readonly id: string })[],
    options: StreamingEventsOptions = {},
  ): AsyncGenerator<Notification, void, undefined> {
    return streamingEvents(this.#account, subscriptions, options);
  }

  /** A self-healing subscription on some or all folders; see `folder.watch()`. */
  watch(options: WatchOptions & NotificationFoldersOption = {}): SubscriptionWatch {
    return new SubscriptionWatch(this.#account, foldersOf(options), options);
  }

  /** One GetEvents call for a pull subscription known by id. */
  getEvents(subscriptionId: string, watermark: string, options: CallOptions = {}): Promise<Notification> {
    return getEvents(this.#account, subscriptionId, watermark, options);
  }

  unsubscribe(subscriptionId: string, options: CallOptions = {}): Promise<void> {
    return unsubscribe(this.#account, subscriptionId, options);
  }
}

/** The folders as given: subscribe.ts names the account's mailbox for each (mailboxFolderRef). */
function foldersOf(options: NotificationFoldersOption): SubscriptionFolders {
  return options.folders ?? 'allFolders';
}
