import type { NotificationEvent } from '../operations/notifications.js';

/** An event `watch` hands out: a notification event of one subscription, with the watermark it carried. */
export interface WatchedEvent extends NotificationEvent {
  readonly type: Exclude<NotificationEvent['type'], 'StatusEvent'>;
  readonly watermark: string;
  readonly subscriptionId: string;
}

/**
 * Why events may have been missed:
 * - `subscription-lost`: the subscription ended (expired, removed, unknown to the server) and could
 *   not be resumed from its watermark (streaming subscriptions never can: Subscribe has no Watermark
 *   for them);
 * - `watermark-refused`: the server no longer knows the watermark (ErrorInvalidWatermark) or says it
 *   dropped events (ErrorMissedNotificationEvents);
 * - `events-lost`: the server's PreviousWatermark chain shows events sent on a connection that died;
 * - `unverifiable`: a connection broke before any watermark was known, so nothing can be proved.
 */
export type GapReason = 'subscription-lost' | 'watermark-refused' | 'events-lost' | 'unverifiable';

/**
 * Events may have been missed: resync (SyncFolderItems, a fresh FindItem) before trusting what
 * follows. Every event of `subscriptionId` after `since` (all of them when undefined) that was not
 * handed out is covered by this gap.
 */
export interface GapEvent {
  readonly type: 'gap';
  readonly reason: GapReason;
  /** The subscription events may be missing from (undefined: the one a start `watermark` came from). */
  readonly subscriptionId: string | undefined;
  /** The last watermark known delivered before the gap, when there was one. */
  readonly since: string | undefined;
  /** When the iterator found the gap. */
  readonly at: Date;
}

/** Why a connection or subscription was renewed. */
export type ReconnectReason = 'closed' | 'dropped' | 'stalled' | 'failed' | 'subscription-lost';

/**
 * The iterator is listening again after `reason`. `resumed`: it carries on where it was (the same
 * subscription, or a pull subscription resumed from its watermark); false when it had to start a
 * new one (a `gap` came before). Events found missing later (the PreviousWatermark check after a
 * dead connection) come as a `gap` then.
 */
export interface ReconnectedEvent {
  readonly type: 'reconnected';
  readonly reason: ReconnectReason;
  /** Failed attempts before this one succeeded (0 for a stream the server closed cleanly). */
  readonly attempts: number;
  readonly subscriptionId: string;
  readonly resumed: boolean;
}

export type WatchEvent = WatchedEvent | GapEvent | ReconnectedEvent;

/** What a `watch` did so far (for logs, soaks and dashboards). */
export interface WatchStats {
  readonly delivered: number;
  readonly duplicatesRemoved: number;
  readonly gaps: number;
  readonly reconnects: number;
}
