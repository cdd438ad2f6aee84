import { EwsInvalidArgumentError, el, integerInRange, type XmlFragment } from '@ews/core';

export interface GetStreamingEventsParams {
  /** Streaming subscriptions of one mailbox, delivered on one connection. */
  readonly subscriptionIds: readonly string[];
  /** Minutes (1…30) the server keeps the connection open before it answers `Closed`. */
  readonly connectionTimeoutMinutes: number;
}

/** The GetStreamingEvents request; its answer is a stream of documents, each read by `readGetStreamingEvents`. */
export function buildGetStreamingEvents(params: GetStreamingEventsParams): XmlFragment {
  const { subscriptionIds, connectionTimeoutMinutes } = params;
  if (subscriptionIds.length === 0 || subscriptionIds.some((id) => !id))
    throw new EwsInvalidArgumentError('GetStreamingEvents needs at least one subscription id');
  // StreamingSubscriptionConnectionTimeoutType: 1…30.
  integerInRange('connectionTimeoutMinutes', connectionTimeoutMinutes, 1, 30);
  return el('m:GetStreamingEvents', {}, [
    el(
      'm:SubscriptionIds',
      {},
      subscriptionIds.map((id) => el('t:SubscriptionId', {}, id)),
    ),
    el('m:ConnectionTimeout', {}, connectionTimeoutMinutes),
  ]);
}
