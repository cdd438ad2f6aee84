import {
  childText,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  integerInRange,
  type XmlFragment,
} from '@ews/core';
import { folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import type { FolderRef } from '../refs.js';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from './notifications.js';

/** t:NotificationEventTypeType: what a subscription can ask for (StatusEvent always comes). */
export type SubscriptionEventType = Exclude<NotificationEventType, 'StatusEvent'>;

const SUBSCRIPTION_EVENT_TYPES: readonly SubscriptionEventType[] = NOTIFICATION_EVENT_TYPES.filter(
  (type): type is SubscriptionEventType => type !== 'StatusEvent',
);

/**
 * The events a subscription gets when none are named: every item and folder event. Unlike
 * exchangelib, FreeBusyChangedEvent is left out (Exchange 2010 SP1+ only); name it to get it.
 */
export const DEFAULT_EVENT_TYPES: readonly SubscriptionEventType[] = SUBSCRIPTION_EVENT_TYPES.filter(
  (type) => type !== 'FreeBusyChangedEvent',
);

interface SubscriptionTarget {
  /** Folders to watch (one mailbox); empty or absent with `allFolders`. */
  readonly folders?: readonly FolderRef[] | undefined;
  /** SubscribeToAllFolders: every folder of the mailbox. */
  readonly allFolders?: boolean | undefined;
  readonly eventTypes?: readonly SubscriptionEventType[] | undefined;
}

/** Subscribe's three kinds: pull (GetEvents), push (Exchange POSTs to `url`), streaming (GetStreamingEvents). */
export type SubscribeParams =
  | (SubscriptionTarget & {
      readonly kind: 'pull';
      /** Resume after this watermark instead of from now. */
      readonly watermark?: string | undefined;
      /** Minutes (1…1440) the subscription lives without a GetEvents call. */
      readonly timeoutMinutes: number;
    })
  | (SubscriptionTarget & {
      readonly kind: 'push';
      readonly watermark?: string | undefined;
      /** The HTTP(S) endpoint Exchange sends SendNotification requests to. */
      readonly url: string;
      /** Minutes (1…1440) between StatusEvents when nothing happens. */
      readonly statusFrequencyMinutes: number;
      /** Opaque text Exchange echoes back (Exchange 2013+). */
      readonly callerData?: string | undefined;
    })
  | (SubscriptionTarget & { readonly kind: 'streaming' });

/** SubscriptionTimeoutType and SubscriptionStatusFrequencyType: 1…1440 minutes. */
function minutes(name: string, value: number): string {
  return String(integerInRange(name, value, 1, 1440));
}

export function buildSubscribe(params: SubscribeParams): XmlFragment {
  const folders = params.folders ?? [];
  const all = params.allFolders === true;
  if (all === folders.length > 0)
    throw new EwsInvalidArgumentError('A subscription needs either folders or allFolders, not both');
  const eventTypes = params.eventTypes ?? DEFAULT_EVENT_TYPES;
  if (eventTypes.length === 0)
    throw new EwsInvalidArgumentError('A subscription needs at least one event type');
  for (const type of eventTypes) {
    if (!SUBSCRIPTION_EVENT_TYPES.includes(type))
      throw new EwsInvalidArgumentError(`Unknown event type ${String(type)}`);
  }
  const common = [
    folders.length === 0 ? undefined : el('t:FolderIds', {}, folders.map(folderIdXml)),
    el(
      't:EventTypes',
      {},
      eventTypes.map((type) => el('t:EventType', {}, type)),
    ),
  ];
  const attributes = { SubscribeToAllFolders: all ? true : undefined };
  const watermark = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : el('t:Watermark', {}, value);
  let request: XmlFragment;
  switch (params.kind) {
    case 'pull':
      request = el('m:PullSubscriptionRequest', attributes, [
        common,
        watermark(params.watermark),
        el('t:Timeout', {}, minutes('timeoutMinutes', params.timeoutMinutes)),
      ]);
      break;
    case 'push':
      if (!/^https?:\/\//i.test(params.url))
        throw new EwsInvalidArgumentError('A push subscription needs an http(s) callback URL');
      request = el('m:PushSubscriptionRequest', attributes, [
        common,
        watermark(params.watermark),
        el('t:StatusFrequency', {}, minutes('statusFrequencyMinutes', params.statusFrequencyMinutes)),
        el('t:URL', {}, params.url),
        params.callerData === undefined ? undefined : el('t:CallerData', {}, params.callerData),
      ]);
      break;
    case 'streaming':
      request = el('m:StreamingSubscriptionRequest', attributes, common);
      break;
    default:
      throw new EwsInvalidArgumentError(
        `Unknown subscription kind ${String((params as { kind: unknown }).kind)}`,
      );
  }
  return el('m:Subscribe', {}, request);
}

export interface SubscribeResult {
  readonly subscriptionId: string;
  /** Pull and push subscriptions start at this watermark; streaming ones have none. */
  readonly watermark?: string;
}

/** The new subscription's id (and watermark); an Error answer is thrown typed. */
export function readSubscribe(response: EwsResponse): SubscribeResult {
  const node = onlyMessage(response).node;
  const subscriptionId = childText(node, 'SubscriptionId')?.trim();
  if (!subscriptionId)
    throw new EwsProtocolError('Subscribe answered without a SubscriptionId', { operation: 'Subscribe' });
  const watermark = childText(node, 'Watermark')?.trim();
  return watermark ? { subscriptionId, watermark } : { subscriptionId };
}
