import { loopbackCallbackUrl } from '../notifications/post-callback.js';
import { formatDateTime } from '../render/values.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { collectSubscriptionEvents, concerns, snapshotMailbox } from '../store/subscription-events.js';
import {
  decodeWatermark,
  encodeWatermark,
  isWellFormedSubscriptionId,
  type MailboxSnapshot,
  type NotificationEventType,
  type PushTarget,
  parseWatermark,
  type Subscription,
  type SubscriptionEvent,
} from '../store/subscriptions.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder, storeForAddress } from './resolve-folder.js';

const EVENT_TYPES: readonly NotificationEventType[] = [
  'NewMailEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'CopiedEvent',
];
/** Exchange keeps an unused streaming subscription for 30 minutes. */
const STREAMING_SUBSCRIPTION_MINUTES = 30;
/** Events per notification (a GetEvents answer, a push); MoreEvents says when more are waiting. */
const EVENTS_PER_NOTIFICATION = 50;
/** SubscriptionStatusFrequencyType allows 1 to 1440 minutes. */
const MAX_STATUS_FREQUENCY = 1440;

/** ErrorInvalidSubscription, as Exchange words it, for a subscription id it cannot read. */
export function invalidSubscription(): ResponseError {
  return new ResponseError('ErrorInvalidSubscription', 'Subscription is invalid.');
}

/**
 * The caller's subscription: ErrorInvalidSubscription for an id this server cannot have issued,
 * ErrorSubscriptionNotFound for a readable one that is unknown, expired, or someone else's.
 */
export function findSubscription(ctx: OperationContext, id: string | undefined): Subscription {
  if (id !== undefined && !isWellFormedSubscriptionId(id.trim())) throw invalidSubscription();
  ctx.state.subscriptions.expire(ctx.now);
  const subscription = id === undefined ? undefined : ctx.state.subscriptions.get(id.trim());
  if (subscription === undefined || subscription.owner !== ctx.actor.address) {
    throw new ResponseError('ErrorSubscriptionNotFound', 'The specified subscription was not found.');
  }
  return subscription;
}

function subscribeTo(
  ctx: OperationContext,
  request: XmlElement,
  kind: Subscription['kind'],
  push?: PushTarget,
): Subscription {
  const resolved = folderIdElements(child(request, 'FolderIds')).map((idEl) => resolveFolder(ctx, idEl));
  const store = resolved[0]?.store ?? storeForAddress(ctx, undefined);
  if (resolved.some((r) => r.store !== store)) {
    throw new ResponseError(
      'ErrorInvalidSubscriptionRequest',
      'All folders of a subscription must be in one mailbox.',
    );
  }
  // Exchange subscribes only as the mailbox itself (its owner, or by impersonation): a delegate
  // naming another mailbox's folders is refused, as "Handling delegation-related errors in EWS" says.
  if (store.owner.address.toLowerCase() !== ctx.actor.address.toLowerCase()) {
    throw new ResponseError(
      'ErrorSubscriptionDelegateAccessNotSupported',
      'Subscriptions are not supported for delegate user access.',
    );
  }
  const all = request.attrs.SubscribeToAllFolders === 'true';
  if (!all && resolved.length === 0) {
    throw new ResponseError(
      'ErrorInvalidSubscriptionRequest',
      'A subscription needs folders or SubscribeToAllFolders.',
    );
  }
  const wanted = childrenNamed(child(request, 'EventTypes'), 'EventType').map((e) => e.text.trim());
  const eventTypes = new Set(EVENT_TYPES.filter((type) => wanted.includes(type)));
  const folderIds = new Set(all ? [] : resolved.map((r) => r.folder.id));
  // Collect first, so changes made before this subscription never show up in it.
  collectSubscriptionEvents(ctx.state);
  const resume = resumeFrom(ctx, childText(request, 'Watermark'), store.index, { eventTypes, folderIds });
  const subscription = ctx.state.subscriptions.add({
    kind,
    mailboxIndex: store.index,
    owner: ctx.actor.address,
    folderIds,
    eventTypes,
    // Push subscriptions never time out: they end when the callback says Unsubscribe or stops answering.
    timeoutMinutes:
      kind === 'pull'
        ? Number(childText(request, 'Timeout') ?? '30')
        : kind === 'push'
          ? Number.POSITIVE_INFINITY
          : STREAMING_SUBSCRIPTION_MINUTES,
    lastUsed: ctx.now,
    seen: resume?.seen ?? snapshotMailbox(store),
    ...(push === undefined ? {} : { push }),
  });
  // The events after the watermark come first, renumbered as this subscription's own.
  for (const { seq: _, ...event } of resume?.events ?? [])
    ctx.state.subscriptions.append(subscription, event);
  return subscription;
}

/**
 * Where a Subscribe with a Watermark starts: the events after it that the subscription it came from
 * (live, or ended not long ago) still holds, and what that subscription last saw of the mailbox, so
 * changes since then are reported too. Exchange answers ErrorInvalidWatermark for a watermark "not
 * found in the mailbox events table" (too old, never issued, another mailbox's); this server for one
 * it did not issue, of another owner or mailbox, before the events it still holds, or of a
 * subscription that missed events or was ended too long ago.
 */
function resumeFrom(
  ctx: OperationContext,
  watermark: string | undefined,
  mailboxIndex: number,
  wanted: Pick<Subscription, 'eventTypes' | 'folderIds'>,
): { events: SubscriptionEvent[]; seen: MailboxSnapshot } | undefined {
  if (watermark === undefined) return undefined;
  const point = parseWatermark(watermark);
  const source = point === undefined ? undefined : ctx.state.subscriptions.known(point.subscriptionId);
  if (
    point === undefined ||
    source === undefined ||
    source.owner !== ctx.actor.address ||
    source.mailboxIndex !== mailboxIndex ||
    source.missedEvents ||
    point.seq < source.acknowledged ||
    point.seq > source.head
  ) {
    throw new ResponseError(
      'ErrorInvalidWatermark',
      'The watermark used for creating this subscription was not found.',
    );
  }
  return {
    events: source.journal.filter((event) => event.seq > point.seq && concerns(wanted, event)),
    seen: source.seen,
  };
}

/** The callback and status frequency of a PushSubscriptionRequest, checked before anything is created. */
function pushTarget(ctx: OperationContext, request: XmlElement): PushTarget {
  const url = childText(request, 'URL');
  if (url === undefined || loopbackCallbackUrl(url) === undefined) {
    throw new ResponseError(
      'ErrorInvalidPushSubscriptionUrl',
      'The push subscription URL must be an http or https URL on loopback (127.0.0.1, [::1], localhost).',
    );
  }
  const frequency = Number(childText(request, 'StatusFrequency'));
  if (!Number.isInteger(frequency) || frequency < 1 || frequency > MAX_STATUS_FREQUENCY) {
    throw new ResponseError(
      'ErrorInvalidSubscriptionRequest',
      `StatusFrequency must be a whole number of minutes from 1 to ${MAX_STATUS_FREQUENCY}.`,
    );
  }
  return { url, statusFrequencyMinutes: frequency, requestVersion: ctx.requestVersion };
}

/**
 * Subscribe: pull, streaming or push subscriptions on folders (or all folders) of one mailbox. Push
 * subscriptions are delivered by src/notifications (SendNotification requests to their URL).
 */
export const subscribe: OperationHandler = (ctx, request) => {
  const message = messageFor('SubscribeResponseMessage', () => {
    const pull = child(request, 'PullSubscriptionRequest');
    const streaming = child(request, 'StreamingSubscriptionRequest');
    const push = child(request, 'PushSubscriptionRequest');
    if (push !== undefined) {
      const subscription = subscribeTo(ctx, push, 'push', pushTarget(ctx, push));
      return [
        textEl('m:SubscriptionId', subscription.id),
        // Before any event (a resumed subscription already holds the events after the given watermark).
        textEl('m:Watermark', encodeWatermark(subscription, subscription.acknowledged)),
      ];
    }
    if (pull !== undefined) {
      const subscription = subscribeTo(ctx, pull, 'pull');
      return [
        textEl('m:SubscriptionId', subscription.id),
        // Before any event (a resumed subscription already holds the events after the given watermark).
        textEl('m:Watermark', encodeWatermark(subscription, subscription.acknowledged)),
      ];
    }
    if (streaming !== undefined) {
      // Streaming subscriptions have no watermark: events arrive on GetStreamingEvents connections.
      return textEl('m:SubscriptionId', subscribeTo(ctx, streaming, 'streaming').id);
    }
    throw new ResponseError('ErrorInvalidSubscriptionRequest', 'The request names no kind of subscription.');
  });
  return operationResponse('Subscribe', [message]);
};

/** One event element (t:CreatedEvent, t:MovedEvent …) with its watermark. */
export function renderEvent(subscription: Subscription, event: SubscriptionEvent): XmlFragment {
  const id = (name: 'Id' | 'OldId', value: string, changeKey: string | undefined) =>
    event.target === 'item'
      ? el(name === 'Id' ? 't:ItemId' : 't:OldItemId', { Id: value, ChangeKey: changeKey })
      : el(name === 'Id' ? 't:FolderId' : 't:OldFolderId', { Id: value, ChangeKey: changeKey });
  return el(
    `t:${event.type}`,
    null,
    textEl('t:Watermark', encodeWatermark(subscription, event.seq)),
    textEl('t:TimeStamp', formatDateTime(event.timeStamp)),
    id('Id', event.id, event.changeKey),
    el('t:ParentFolderId', { Id: event.parentFolderId }),
    event.oldId === undefined ? undefined : id('OldId', event.oldId, undefined),
    event.oldParentFolderId === undefined
      ? undefined
      : el('t:OldParentFolderId', { Id: event.oldParentFolderId }),
  );
}

/**
 * The m:Notification a GetEvents answer or a push carries: the first events not yet acknowledged (a
 * StatusEvent when there are none), and `lastSeq`, the event number acknowledging them moves to.
 */
export function renderNotification(subscription: Subscription): {
  notification: XmlFragment;
  lastSeq: number;
} {
  const batch = subscription.journal.slice(0, EVENTS_PER_NOTIFICATION);
  const previous = encodeWatermark(subscription, subscription.acknowledged);
  const notification = el(
    'm:Notification',
    null,
    textEl('t:SubscriptionId', subscription.id),
    textEl('t:PreviousWatermark', previous),
    textEl('t:MoreEvents', subscription.journal.length > batch.length),
    batch.length > 0
      ? batch.map((event) => renderEvent(subscription, event))
      : el('t:StatusEvent', null, textEl('t:Watermark', previous)),
  );
  return { notification, lastSeq: batch.at(-1)?.seq ?? subscription.acknowledged };
}

/** GetEvents: the events after the watermark the client sends (which acknowledges everything up to it). */
export const getEvents: OperationHandler = (ctx, request) => {
  const message = messageFor('GetEventsResponseMessage', () => {
    const subscription = findSubscription(ctx, childText(request, 'SubscriptionId'));
    if (subscription.kind !== 'pull') {
      throw new ResponseError('ErrorInvalidSubscription', 'GetEvents needs a pull subscription.');
    }
    const table = ctx.state.subscriptions;
    const seq = decodeWatermark(subscription, childText(request, 'Watermark') ?? '');
    if (seq === undefined || seq < subscription.acknowledged || seq > subscription.head) {
      throw new ResponseError('ErrorInvalidWatermark', 'The watermark used for the subscription is invalid.');
    }
    subscription.lastUsed = ctx.now;
    collectSubscriptionEvents(ctx.state);
    if (subscription.missedEvents) {
      throw new ResponseError(
        'ErrorMissedNotificationEvents',
        'The subscription missed events; create a new subscription.',
      );
    }
    table.acknowledge(subscription, seq);
    return renderNotification(subscription).notification;
  });
  return operationResponse('GetEvents', [message]);
};

/**
 * Unsubscribe: ends a subscription (and any stream or push delivery of it); ErrorSubscriptionNotFound
 * when unknown or already ended (a push callback answered Unsubscribe, or stopped answering).
 */
export const unsubscribe: OperationHandler = (ctx, request) => {
  const message = messageFor('UnsubscribeResponseMessage', () => {
    const subscription = findSubscription(ctx, childText(request, 'SubscriptionId'));
    ctx.state.subscriptions.remove(subscription.id);
    return undefined;
  });
  return operationResponse('Unsubscribe', [message]);
};
