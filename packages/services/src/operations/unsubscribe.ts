import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { onlyMessage } from '../internal/messages.js';

export function buildUnsubscribe(params: { readonly subscriptionId: string }): XmlFragment {
  if (!params.subscriptionId) throw new EwsInvalidArgumentError('Unsubscribe needs a subscription id');
  return el('m:Unsubscribe', {}, el('m:SubscriptionId', {}, params.subscriptionId));
}

/** Success, or the typed error (ErrorSubscriptionNotFound for an unknown or ended subscription). */
export function readUnsubscribe(response: EwsResponse): void {
  onlyMessage(response);
}
