import { type CallOptions, deadlineMs, EwsUnsupportedError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { sendStream } from '../internal/send.js';
import { decodeResponseText } from '../internal/streamed-response.js';
import { buildGetStreamingEvents } from '../operations/get-streaming-events.js';
import {
  type Notification,
  type NotificationEvent,
  readGetStreamingEvents,
  type StreamingEvents,
  StreamingEventsError,
} from '../operations/notifications.js';
import { canStream } from './notification-context.js';
import { isOwnAbort } from './own-abort.js';
import { soapDocuments } from './soap-documents.js';
import { Subscription } from './unsubscribe.js';

/** exchangelib's default `connection_timeout`: the server closes the connection after a minute. */
export const DEFAULT_CONNECTION_TIMEOUT_MINUTES = 1;
// The call's own deadline: the connection time plus a minute for the last (Closed) answer, as exchangelib.
const CLOSING_GRACE_MS = 60_000;

export interface StreamingEventsOptions extends CallOptions {
  /** Minutes (1…30) before the server ends the connection with ConnectionStatus Closed (default 1). */
  readonly connectionTimeoutMinutes?: number | undefined;
  /** The client-side deadline for the whole connection (default: the connection time plus a minute). */
  readonly timeoutMs?: number | undefined;
}

/**
 * The notifications of streaming subscriptions (GetStreamingEvents) as they arrive on one open
 * connection, exchangelib's `get_streaming_events(ids, connection_timeout)`. The iteration ends when
 * the server closes the connection (ConnectionStatus Closed: call again to keep listening) and,
 * without an error, when `signal` aborts; notifications of a document already received are still
 * handed out after an abort (they cannot be fetched again). Keep-alive answers are not yielded.
 * An Error answer throws a StreamingEventsError (ErrorSubscriptionNotFound for an unknown or ended
 * subscription, ErrorExceededConnectionCount…) whose `errorSubscriptionIds` names the failed
 * subscriptions, after the notifications that came in the same document.
 */
export async function* streamingEvents(
  account: AccountContext,
  subscriptions: readonly (string | { readonly id: string })[],
  options: StreamingEventsOptions = {},
): AsyncGenerator<Notification, void, undefined> {
  if (!canStream(account))
    throw new EwsUnsupportedError('GetStreamingEvents needs an account that can stream answers (an Account)');
  const { signal } = options;
  const minutes = options.connectionTimeoutMinutes ?? DEFAULT_CONNECTION_TIMEOUT_MINUTES;
  const subscriptionIds = subscriptions.map((s) => (typeof s === 'string' ? s : s.id));
  const body = buildGetStreamingEvents({ subscriptionIds, connectionTimeoutMinutes: minutes });
  const timeoutMs =
    options.timeoutMs === undefined
      ? minutes * 60_000 + CLOSING_GRACE_MS
      : deadlineMs('timeoutMs', options.timeoutMs);
  try {
    const response = await sendStream(account, 'GetStreamingEvents', body, { signal, timeoutMs });
    for await (const document of soapDocuments(response.body, 'GetStreamingEvents')) {
      let answer: StreamingEvents;
      try {
        answer = readGetStreamingEvents(
          decodeResponseText(document, 'GetStreamingEvents', response.status),
          subscriptionIds,
        );
      } catch (error) {
        // Events that came with the error are handed out first: the server will not send them again.
        if (error instanceof StreamingEventsError) yield* error.notifications;
        throw error;
      }
      yield* answer.notifications;
      // Leaving the loop closes the connection; the server has said it is done.
      if (answer.connectionStatus === 'Closed') return;
    }
  } catch (error) {
    if (isOwnAbort(error, signal)) return;
    throw error;
  }
}

/** A streaming subscription: read its events with `events()` (one connection per call). */
export class StreamingSubscription extends Subscription {
  /**
   * The events of this subscription on one connection (StatusEvents left out), until the server
   * closes it or `signal` aborts; call again to keep listening.
   */
  async *events(options: StreamingEventsOptions = {}): AsyncGenerator<NotificationEvent, void, undefined> {
    for await (const notification of streamingEvents(this.account, [this.id], options)) {
      for (const event of notification.events) if (event.type !== 'StatusEvent') yield event;
    }
  }
}
