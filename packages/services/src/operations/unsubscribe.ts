import { EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { onlyMessage } from '../internal/messages.js';
import { textElement } from '../internal/xml.js';

export function buildUnsubscribe(params: { readonly subscriptionId: string }): string {
  if (!params.subscriptionId) throw new EwsInvalidArgumentError('Unsubscribe needs a subscription id');
  return `<m:Unsubscribe>${textElement('m:SubscriptionId', params.subscriptionId)}</m:Unsubscribe>`;
}

/** Success, or the typed error (ErrorSubscriptionNotFound for an unknown or ended subscription). */
export function readUnsubscribe(response: EwsResponse): void {
  onlyMessage(response);
}
