import {
  child,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
} from '@ews/core';
import { onlyMessage } from '../internal/messages.js';
import { checkSubscriptionId, type Notification, readNotification } from './notifications.js';

export interface GetEventsParams {
  readonly subscriptionId: string;
  /** The last watermark seen: it acknowledges every event up to it. */
  readonly watermark: string;
}

export function buildGetEvents(params: GetEventsParams): XmlFragment {
  if (!params.subscriptionId) throw new EwsInvalidArgumentError('GetEvents needs a subscription id');
  if (!params.watermark) throw new EwsInvalidArgumentError('GetEvents needs a watermark');
  return el('m:GetEvents', {}, [
    el('m:SubscriptionId', {}, params.subscriptionId),
    el('m:Watermark', {}, params.watermark),
  ]);
}

/**
 * The events of `subscriptionId` (the one polled) after the watermark sent (a StatusEvent when
 * there are none). A notification for another subscription is refused (EWS_PROTOCOL). Errors are
 * thrown typed: ErrorSubscriptionNotFound (unknown or expired), ErrorInvalidWatermark,
 * ErrorMissedNotificationEvents.
 */
export function readGetEvents(response: EwsResponse, subscriptionId: string): Notification {
  const node = child(onlyMessage(response).node, 'Notification');
  if (!node)
    throw new EwsProtocolError('GetEvents answered without a Notification', { operation: 'GetEvents' });
  const notification = readNotification(node);
  checkSubscriptionId(notification.subscriptionId, new Set([subscriptionId]), 'GetEvents');
  return notification;
}
