import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { el, XML_DECLARATION } from '../xml/write.js';
import { EWS_NAMESPACE_DECLARATIONS } from './namespaces.js';

/** What a push-notification endpoint tells Exchange: keep sending, or end the subscription. */
export type SubscriptionStatus = 'OK' | 'Unsubscribe';

const SUBSCRIPTION_STATUSES: readonly string[] = ['OK', 'Unsubscribe'] satisfies SubscriptionStatus[];

/**
 * The SOAP body a push-notification callback returns to Exchange's SendNotification call
 * (`m:SendNotificationResult`). It is a response, so it carries no request headers.
 */
export function buildSendNotificationResult(status: SubscriptionStatus): string {
  if (!SUBSCRIPTION_STATUSES.includes(status)) {
    throw new EwsInvalidArgumentError(`status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`);
  }
  const result = el('m:SendNotificationResult', {}, el('m:SubscriptionStatus', {}, status));
  return (
    XML_DECLARATION +
    `<soap:Envelope ${EWS_NAMESPACE_DECLARATIONS}>${el('soap:Body', {}, result).xml}</soap:Envelope>`
  );
}
