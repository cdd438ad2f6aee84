import {
  buildSendNotificationResult,
  child,
  children,
  childText,
  EwsProtocolError,
  type EwsResponse,
  EwsResponseError,
  type EwsResponseErrorOptions,
  type ResponseMessage,
  responseMessageError,
  type SubscriptionStatus,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, int } from '@ews/models';
import { everyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { decodeSendNotification } from '../internal/streamed-response.js';
import { itemRefOf } from './item-id-results.js';

/** A folder or item id in an event: `{ id, changeKey }`. */
export interface EventId {
  readonly id: string;
  readonly changeKey?: string | undefined;
}

/** The event elements of t:NotificationType, in the schema's order. */
export const NOTIFICATION_EVENT_TYPES = [
  'CopiedEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'NewMailEvent',
  'StatusEvent',
  'FreeBusyChangedEvent',
] as const;

export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** One event of a notification, tagged with its element name. Absent = not sent. */
export interface NotificationEvent {
  readonly type: NotificationEventType;
  readonly watermark?: string;
  readonly timeStamp?: Date;
  readonly itemId?: EventId;
  readonly folderId?: EventId;
  readonly parentFolderId?: EventId;
  readonly oldItemId?: EventId;
  readonly oldFolderId?: EventId;
  readonly oldParentFolderId?: EventId;
  readonly unreadCount?: number;
}

/** t:NotificationType: the events of one subscription since `previousWatermark`. */
export interface Notification {
  readonly subscriptionId: string;
  readonly previousWatermark?: string;
  readonly moreEvents: boolean;
  readonly events: readonly NotificationEvent[];
}

const EVENT_TYPES: ReadonlySet<string> = new Set(NOTIFICATION_EVENT_TYPES);
const ID_ELEMENTS = [
  'ItemId',
  'FolderId',
  'ParentFolderId',
  'OldItemId',
  'OldFolderId',
  'OldParentFolderId',
] as const;

// t:BaseObjectChangedEventType names its object and the object's parent; t:MovedCopiedEventType
// also the old ones. An event without them names nothing (EWS_PROTOCOL), it is not an event
// about an unknown object.
const REQUIRED_IDS: readonly (readonly (typeof ID_ELEMENTS)[number][])[] = [
  ['ItemId', 'FolderId'],
  ['ParentFolderId'],
];
const MOVED_REQUIRED_IDS: readonly (readonly (typeof ID_ELEMENTS)[number][])[] = [
  ...REQUIRED_IDS,
  ['OldItemId', 'OldFolderId'],
  ['OldParentFolderId'],
];

function protocolError(text: string): EwsProtocolError {
  return new EwsProtocolError(text, { operation: 'Notification' });
}

function readEvent(node: XmlNode): NotificationEvent {
  const ids: Record<string, EventId> = {};
  for (const name of ID_ELEMENTS) {
    const idNode = child(node, name);
    if (idNode === undefined) continue;
    const ref = itemRefOf(idNode);
    if (ref === undefined) throw protocolError(`${node.name} has a ${name} without its Id`);
    ids[name.charAt(0).toLowerCase() + name.slice(1)] = ref;
  }
  if (node.name !== 'StatusEvent') {
    const required =
      node.name === 'MovedEvent' || node.name === 'CopiedEvent' ? MOVED_REQUIRED_IDS : REQUIRED_IDS;
    for (const choice of required) {
      if (!choice.some((name) => child(node, name) !== undefined))
        throw protocolError(`${node.name} without ${choice.join(' or ')}`);
    }
  }
  const watermark = childText(node, 'Watermark');
  // A zone-less value is UTC (models' dateTime), never the host's local time.
  const timeStamp = childValue(node, 'TimeStamp', dateTime, node.name);
  const unreadCount = childValue(node, 'UnreadCount', int, node.name);
  return {
    type: node.name as NotificationEventType,
    ...(watermark === undefined ? {} : { watermark }),
    ...(timeStamp === undefined ? {} : { timeStamp }),
    ...ids,
    ...(unreadCount === undefined ? {} : { unreadCount }),
  };
}

/**
 * Reads one t:Notification element; events keep the server's order. Its SubscriptionId and at
 * least one event are required (t:NotificationType), and so are the ids each event names.
 */
export function readNotification(node: XmlNode): Notification {
  const subscriptionId = childText(node, 'SubscriptionId')?.trim();
  if (!subscriptionId) throw protocolError('A Notification without its SubscriptionId');
  const previousWatermark = childText(node, 'PreviousWatermark');
  const events = node.children.filter((c) => EVENT_TYPES.has(c.name)).map(readEvent);
  if (events.length === 0) throw protocolError(`The Notification of ${subscriptionId} has no event`);
  return {
    subscriptionId,
    ...(previousWatermark === undefined ? {} : { previousWatermark }),
    moreEvents: childValue(node, 'MoreEvents', boolean, 'Notification') ?? false,
    events,
  };
}

/**
 * Notifications are paired with subscriptions by their SubscriptionId, never by position: one
 * naming a subscription the request did not ask about is refused (EWS_PROTOCOL).
 */
export function checkSubscriptionId(
  id: string,
  asked: ReadonlySet<string>,
  operation: string,
  what = 'a notification',
): void {
  if (!asked.has(id))
    throw new EwsProtocolError(
      `${operation} answered ${what} for subscription ${JSON.stringify(id.slice(0, 100))}, which was not asked about`,
      { operation },
    );
}

/**
 * The body Exchange POSTs to a push subscription's callback URL (`<m:SendNotification>`):
 * its notifications, one per message. Throws EWS_PROTOCOL for anything else (read as
 * decodeSendNotification says), also for a body without messages (the schema requires at least
 * one, each with exactly one Notification).
 */
export function readSendNotification(xml: string): readonly Notification[] {
  return everyMessage(decodeSendNotification(xml), 'required').map((message) => {
    const [notification, ...more] = children(message.node, 'Notification');
    if (notification === undefined || more.length > 0)
      throw new EwsProtocolError(
        `A SendNotification message with ${more.length + (notification ? 1 : 0)} Notifications, expected 1`,
        { operation: 'SendNotification' },
      );
    return readNotification(notification);
  });
}

export interface StreamingEvents {
  readonly notifications: readonly Notification[];
  /** `Closed` when the server ended the stream (subscribe again), otherwise `OK`. */
  readonly connectionStatus: 'OK' | 'Closed' | undefined;
}

export interface StreamingEventsErrorOptions extends EwsResponseErrorOptions {
  readonly errorSubscriptionIds: readonly string[];
  readonly notifications: readonly Notification[];
}

/**
 * A GetStreamingEvents answer with ResponseClass Error (ErrorSubscriptionNotFound for an expired or
 * unknown subscription, ErrorExceededConnectionCount…). `errorSubscriptionIds` names the
 * subscriptions that failed (m:ErrorSubscriptionIds), so the others can be listened to again;
 * `notifications` are those the same document still carried (`streamingEvents` yields them
 * before it throws: streamed events cannot be fetched again).
 */
export class StreamingEventsError extends EwsResponseError {
  readonly errorSubscriptionIds: readonly string[];
  readonly notifications: readonly Notification[];

  constructor(message: string, options: StreamingEventsErrorOptions) {
    super(message, options);
    this.errorSubscriptionIds = options.errorSubscriptionIds;
    this.notifications = options.notifications;
  }
}

/**
 * One GetStreamingEvents response document (the stream sends one per batch) for the
 * `subscriptionIds` the request named. A document holds any number of messages, so each
 * notification (and each failed subscription id) is paired by its SubscriptionId: one naming a
 * subscription not asked about is refused (EWS_PROTOCOL). An Error message is thrown as a
 * StreamingEventsError once the whole document is read, carrying its notifications.
 */
export function readGetStreamingEvents(
  response: EwsResponse,
  subscriptionIds: readonly string[],
): StreamingEvents {
  const asked = new Set(subscriptionIds);
  let connectionStatus: StreamingEvents['connectionStatus'];
  const notifications: Notification[] = [];
  const errorSubscriptionIds: string[] = [];
  let failed: ResponseMessage | undefined;
  for (const message of everyMessage(response, 'required')) {
    const { node } = message;
    if (message.responseClass === 'Error') {
      failed ??= message;
      for (const id of children(child(node, 'ErrorSubscriptionIds'), 'SubscriptionId')) {
        const failedId = id.text.trim();
        checkSubscriptionId(failedId, asked, 'GetStreamingEvents', 'an error');
        errorSubscriptionIds.push(failedId);
      }
    }
    const status = childText(node, 'ConnectionStatus')?.trim();
    if (status === 'OK' || status === 'Closed') connectionStatus = status;
    for (const n of children(child(node, 'Notifications'), 'Notification')) {
      const notification = readNotification(n);
      checkSubscriptionId(notification.subscriptionId, asked, 'GetStreamingEvents');
      notifications.push(notification);
    }
  }
  if (failed) throw streamingEventsError(failed, errorSubscriptionIds, notifications);
  return { notifications, connectionStatus };
}

function streamingEventsError(
  message: ResponseMessage,
  errorSubscriptionIds: readonly string[],
  notifications: readonly Notification[],
): StreamingEventsError {
  const base = responseMessageError(message, 'GetStreamingEvents');
  const which =
    errorSubscriptionIds.length === 0 ? '' : ` (subscriptions ${errorSubscriptionIds.join(', ')})`;
  return new StreamingEventsError(`${base.message}${which}`, {
    operation: 'GetStreamingEvents',
    responseCode: base.responseCode,
    responseClass: base.responseClass,
    messageText: base.messageText,
    descriptiveLinkKey: base.descriptiveLinkKey,
    messageXml: base.messageXml,
    index: base.index,
    errorSubscriptionIds,
    notifications,
  });
}

/**
 * The body a push-notification endpoint answers Exchange's SendNotification with: `'OK'` keeps the
 * subscription, `'Unsubscribe'` ends it. Send it with `Content-Type: text/xml; charset=utf-8`.
 */
export function sendNotificationResult(status: SubscriptionStatus): string {
  return buildSendNotificationResult(status);
}
