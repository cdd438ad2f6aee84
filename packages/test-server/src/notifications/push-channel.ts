import { renderNotification } from '../operations/notifications.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { Subscription } from '../store/subscriptions.js';
import { loopbackCallbackUrl, postCallback } from './post-callback.js';
import type { ResolvedPush } from './push-options.js';
import { readSendNotificationResult, renderSendNotification } from './send-notification.js';

export interface PushChannelDeps {
  readonly state: ExchangeState;
  readonly options: ResolvedPush;
  /** Aborted when the server closes; the PushDeliverer then stops every channel (cutting deliveries in flight). */
  readonly closed: AbortSignal;
  readonly report: (error: unknown) => void;
}

/**
 * Delivers one push subscription: a SendNotification with the journal's events as soon as a request
 * adds some, a StatusEvent after `StatusFrequency` quiet minutes. One delivery at a time, each bounded
 * by a timeout, all off the request path (a slow callback never holds up EWS requests). The callback's
 * `OK` acknowledges what it got; `Unsubscribe`, or `maxFailures` failures in a row, end the subscription.
 */
export class PushChannel {
  private stopped = false;
  private busy = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The delivery being sent, if any; stop() aborts it. */
  private inFlight: AbortController | undefined;
  private readonly unlisten: () => void;

  constructor(
    private readonly deps: PushChannelDeps,
    private readonly subscription: Subscription,
    private readonly onStop: (channel: PushChannel) => void,
  ) {
    this.unlisten = deps.state.subscriptions.listen(subscription.id, {
      events: () => this.soon(),
      ended: () => this.stop(),
    });
    this.waitForStatus();
  }

  /** Stops delivering (subscription ended or server closing); a delivery in flight is aborted. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.unlisten();
    this.inFlight?.abort();
    this.onStop(this);
  }

  private arm(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.deliver().catch((error: unknown) => {
        this.busy = false;
        this.deps.report(error);
      });
    }, delayMs);
  }

  private waitForStatus(): void {
    const target = this.subscription.push;
    if (target === undefined) return;
    this.arm(target.statusFrequencyMinutes * this.deps.options.minuteMs);
  }

  /** New events: send on the next turn, so everything one request changed goes in one notification. */
  private soon(): void {
    if (this.stopped || this.busy || this.failures > 0) return;
    this.arm(0);
  }

  private async deliver(): Promise<void> {
    const target = this.subscription.push;
    if (this.stopped || this.busy || target === undefined) return;
    const url = loopbackCallbackUrl(target.url);
    if (url === undefined) {
      this.end();
      return;
    }
    this.busy = true;
    clearTimeout(this.timer);
    const { subscription } = this;
    const { notification, lastSeq: delivered } = renderNotification(subscription);
    const body = renderSendNotification(target.requestVersion, notification);
    // One controller per delivery, aborted by stop(): nothing is attached to a long-lived signal.
    const attempt = new AbortController();
    this.inFlight = attempt;
    let verdict: 'OK' | 'Unsubscribe' | 'invalid';
    try {
      const answer = await postCallback(url, body, {
        signal: attempt.signal,
        timeoutMs: this.deps.options.callbackTimeoutMs,
      });
      verdict = answer.status === 200 ? readSendNotificationResult(answer.body) : 'invalid';
    } catch {
      // No answer in time, refused connection, reset: a failed delivery, retried below.
      verdict = 'invalid';
    } finally {
      this.inFlight = undefined;
    }
    this.busy = false;
    if (this.stopped) return;
    if (verdict === 'Unsubscribe') {
      this.end();
      return;
    }
    if (verdict === 'invalid') {
      this.failures += 1;
      if (this.failures >= this.deps.options.maxFailures) {
        this.end();
        return;
      }
      this.arm(this.deps.options.retryDelayMs * 2 ** (this.failures - 1));
      return;
    }
    this.failures = 0;
    this.deps.state.subscriptions.acknowledge(subscription, delivered);
    if (subscription.journal.length > 0) this.arm(0);
    else this.waitForStatus();
  }

  /** Ends the subscription itself: GetEvents and Unsubscribe on it now get ErrorSubscriptionNotFound. */
  private end(): void {
    this.deps.state.subscriptions.remove(this.subscription.id);
    this.stop();
  }
}
