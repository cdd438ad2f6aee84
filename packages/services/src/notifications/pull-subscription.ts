import { type CallOptions, nonNegativeDuration, optionOrAlias } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import { buildGetEvents, readGetEvents } from '../operations/get-events.js';
import type { Notification, NotificationEvent } from '../operations/notifications.js';
import { abortableDelay } from './abortable-delay.js';
import { isOwnAbort } from './own-abort.js';
import { Subscription } from './unsubscribe.js';

/** Pause between GetEvents polls when nothing is waiting, unless `pollIntervalMs` says otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 10_000;

export interface PollOptions extends CallOptions {
  /** Milliseconds between polls when the server has nothing more (default 10 s), as WatchOptions names it. */
  readonly pollIntervalMs?: number | undefined;
  /**
   * The older spelling of `pollIntervalMs`. Giving both with different values is refused with
   * EwsInvalidArgumentError.
   * @deprecated use `pollIntervalMs` (the name WatchOptions uses).
   */
  readonly intervalMs?: number | undefined;
}

/** The events after `watermark` (one GetEvents call), exchangelib's `folder.get_events(id, watermark)`. */
export async function getEvents(
  account: AccountContext,
  subscriptionId: string,
  watermark: string,
  options: CallOptions = {},
): Promise<Notification> {
  const body = buildGetEvents({ subscriptionId, watermark });
  return readGetEvents(await send(account, 'GetEvents', body, options), subscriptionId);
}

/**
 * A pull subscription (Subscribe + GetEvents). `watermark` is where the next GetEvents starts; it
 * moves past each event once it is handed out, so persist it to resume after a restart with
 * `subscribeToPull({ watermark })`. Iterating it polls until the signal aborts.
 */
export class PullSubscription extends Subscription implements AsyncIterable<NotificationEvent> {
  #watermark: string;

  constructor(account: AccountContext, id: string, watermark: string) {
    super(account, id);
    this.#watermark = watermark;
  }

  get watermark(): string {
    return this.#watermark;
  }

  /**
   * One GetEvents call: the events since `watermark` (a StatusEvent when there are none; see
   * `moreEvents`), after which `watermark` is the last event's. Errors are typed:
   * ErrorSubscriptionNotFound once unsubscribed or expired, ErrorInvalidWatermark.
   */
  async getEvents(options: CallOptions = {}): Promise<Notification> {
    const notification = await getEvents(this.account, this.id, this.#watermark, options);
    for (const event of notification.events) this.#advance(event);
    return notification;
  }

  [Symbol.asyncIterator](): AsyncIterator<NotificationEvent> {
    return this.events()[Symbol.asyncIterator]();
  }

  /**
   * Every event (StatusEvents left out), polling GetEvents at once while `moreEvents` and every
   * `pollIntervalMs` otherwise. Aborting `signal` ends the iteration without an error, also in the
   * middle of a batch: the events not yet handed out stay after `watermark` and come again.
   */
  async *events(options: PollOptions = {}): AsyncGenerator<NotificationEvent, void, undefined> {
    const { signal } = options;
    const given = optionOrAlias('pollIntervalMs', options.pollIntervalMs, 'intervalMs', options.intervalMs);
    const intervalMs = nonNegativeDuration(
      options.pollIntervalMs === undefined && options.intervalMs !== undefined
        ? 'intervalMs'
        : 'pollIntervalMs',
      given ?? DEFAULT_POLL_INTERVAL_MS,
    );
    while (!signal?.aborted) {
      let notification: Notification;
      try {
        notification = await getEvents(this.account, this.id, this.#watermark, {
          signal,
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        if (isOwnAbort(error, signal)) return;
        throw error;
      }
      for (const event of notification.events) {
        // The watermark has only moved past what was handed out: GetEvents from it redelivers the rest.
        if (signal?.aborted) return;
        if (event.type !== 'StatusEvent') yield event;
        // After the yield: an event the caller stopped at is delivered again next time.
        this.#advance(event);
      }
      if (!notification.moreEvents && !(await abortableDelay(intervalMs, signal))) return;
    }
  }

  #advance(event: NotificationEvent): void {
    if (event.watermark) this.#watermark = event.watermark;
  }
}
