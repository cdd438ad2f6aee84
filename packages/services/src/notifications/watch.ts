import {
  type CallOptions,
  deadlineMs,
  EwsInvalidArgumentError,
  EwsProtocolError,
  EwsTimeoutError,
  EwsUnsupportedError,
  integerInRange,
  nonNegativeDuration,
  positiveDuration,
} from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { sendStream } from '../internal/send.js';
import { decodeResponseText } from '../internal/streamed-response.js';
import { buildGetStreamingEvents } from '../operations/get-streaming-events.js';
import {
  type Notification,
  type NotificationEvent,
  readGetStreamingEvents,
  StreamingEventsError,
} from '../operations/notifications.js';
import type { SubscriptionEventType } from '../operations/subscribe.js';
import { abortableDelay } from './abortable-delay.js';
import { DeliveredWatermarks } from './delivered-watermarks.js';
import { canStream } from './notification-context.js';
import { isOwnAbort } from './own-abort.js';
import { DEFAULT_POLL_INTERVAL_MS, getEvents } from './pull-subscription.js';
import { type ReconnectPolicy, reconnectDelay, resolveReconnectPolicy } from './reconnect-policy.js';
import { soapDocuments } from './soap-documents.js';
import {
  DEFAULT_PULL_TIMEOUT_MINUTES,
  type SubscriptionFolders,
  subscribeToPull,
  subscribeToStreaming,
} from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';
import { watchErrorAction } from './watch-errors.js';
import type {
  GapEvent,
  GapReason,
  ReconnectReason,
  WatchEvent,
  WatchedEvent,
  WatchStats,
} from './watch-events.js';

/** The keep-alive interval `watch` expects on a streaming connection unless told (a minute). */
export const DEFAULT_HEARTBEAT_MS = 60_000;
/** The longest `heartbeatMs` (twice it is the longest timer Node sets). */
export const MAX_HEARTBEAT_MS = 1_073_741_823;
/** Minutes one GetStreamingEvents connection of `watch` lasts before the server closes it (and it reopens). */
export const DEFAULT_WATCH_CONNECTION_MINUTES = 30;

export interface WatchOptions {
  /** `streaming` (default): one open connection, events as they happen; `pull`: GetEvents polls. */
  readonly mode?: 'streaming' | 'pull' | undefined;
  /** The events wanted (default: every item and folder event except FreeBusyChangedEvent). */
  readonly events?: readonly SubscriptionEventType[] | undefined;
  /** Ends the iteration quietly (and unsubscribes). */
  readonly signal?: AbortSignal | undefined;
  /** Back-off between attempts to reconnect or resubscribe. */
  readonly retry?: ReconnectPolicy | undefined;
  /**
   * Streaming: how often the server sends something (events or keep-alives) at least. A connection
   * silent for twice this is dead and is replaced (default 60 s).
   */
  readonly heartbeatMs?: number | undefined;
  /** Streaming: minutes (1…30) before the server closes each connection; it is reopened at once (default 30). */
  readonly connectionTimeoutMinutes?: number | undefined;
  /** Pull: the pause between polls when nothing is waiting (default 10 s). */
  readonly pollIntervalMs?: number | undefined;
  /** Pull: minutes (1…1440) the subscription lives unpolled (default 60). */
  readonly timeoutMinutes?: number | undefined;
  /** Pull: start from a watermark saved from an earlier watch (`watch.watermark`). */
  readonly watermark?: string | undefined;
  /** Deadline of each Subscribe, GetEvents and Unsubscribe call. */
  readonly timeoutMs?: number | undefined;
  /** Delivered watermarks remembered to drop repeats (default 10 000). */
  readonly dedupeWindow?: number | undefined;
}

type Item = WatchedEvent | GapEvent;

/**
 * A subscription that heals itself (`folder.watch()`): iterate it for events, `gap` events (resync:
 * events may be missing) and `reconnected` events. It reconnects with back-off when a connection
 * drops, stalls (silent for 2 × `heartbeatMs`) or is closed by the server, resubscribes from the last
 * watermark where the server allows, and otherwise reports a gap; an event comes at most once (by
 * watermark). One iteration per watch; ending it (break, `signal`, an error) unsubscribes.
 */
export class SubscriptionWatch implements AsyncIterable<WatchEvent> {
  readonly #account: AccountContext;
  readonly #folders: SubscriptionFolders;
  readonly #options: WatchOptions;
  readonly #policy;
  readonly #deadMs: number;
  readonly #pollMs: number;
  readonly #delivered: DeliveredWatermarks;
  readonly #stats = { delivered: 0, duplicatesRemoved: 0, gaps: 0, reconnects: 0 };
  #subscriptionId: string | undefined;
  #watermark: string | undefined;
  #started = false;

  constructor(account: AccountContext, folders: SubscriptionFolders, options: WatchOptions = {}) {
    const mode = options.mode ?? 'streaming';
    if (mode !== 'streaming' && mode !== 'pull')
      throw new EwsInvalidArgumentError(`watch: mode must be 'streaming' or 'pull'`);
    if (mode === 'streaming' && options.watermark !== undefined)
      throw new EwsInvalidArgumentError(
        'watch: a streaming subscription cannot start from a watermark (Subscribe takes none for it); use pull',
      );
    if (mode === 'streaming' && !canStream(account))
      throw new EwsUnsupportedError('watch: streaming needs an account that can stream answers (an Account)');
    this.#account = account;
    this.#folders = folders;
    this.#options = { ...options, mode };
    this.#policy = resolveReconnectPolicy(options.retry);
    // Twice the heartbeat must still be a timer Node can set.
    this.#deadMs =
      2 *
      positiveDuration('heartbeatMs', options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, { max: MAX_HEARTBEAT_MS });
    // Checked now, not at the first reconnection an hour later.
    integerInRange(
      'connectionTimeoutMinutes',
      options.connectionTimeoutMinutes ?? DEFAULT_WATCH_CONNECTION_MINUTES,
      1,
      30,
    );
    integerInRange('timeoutMinutes', options.timeoutMinutes ?? DEFAULT_PULL_TIMEOUT_MINUTES, 1, 1440);
    if (options.timeoutMs !== undefined) deadlineMs('timeoutMs', options.timeoutMs);
    this.#pollMs = nonNegativeDuration('pollIntervalMs', options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.#delivered = new DeliveredWatermarks(options.dedupeWindow);
    this.#watermark = options.watermark;
  }

  /** The subscription listened to now (it changes when one is lost and replaced). */
  get subscriptionId(): string | undefined {
    return this.#subscriptionId;
  }

  /** The last watermark handed out: save it to start a later pull watch from it. */
  get watermark(): string | undefined {
    return this.#watermark;
  }

  get stats(): WatchStats {
    return { ...this.#stats };
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    if (this.#started) throw new EwsInvalidArgumentError('watch: a watch can be iterated once');
    this.#started = true;
    return this.#run()[Symbol.asyncIterator]();
  }

  async *#run(): AsyncGenerator<WatchEvent, void, undefined> {
    try {
      yield* this.#options.mode === 'pull' ? this.#pull() : this.#streaming();
    } catch (error) {
      if (!isOwnAbort(error, this.#options.signal)) throw error;
    } finally {
      const id = this.#subscriptionId;
      // The watch made it, so it ends it; a failure here changes nothing for the caller.
      if (id !== undefined)
        await unsubscribe(this.#account, id, { timeoutMs: this.#options.timeoutMs ?? 10_000 }).catch(
          () => {},
        );
    }
  }

  #call(): CallOptions {
    return { signal: this.#options.signal, timeoutMs: this.#options.timeoutMs };
  }

  /** Waits before attempt `attempt`, or throws `error` when the policy's attempts are used up. */
  async #backOff(attempt: number, error: unknown): Promise<void> {
    if (attempt > this.#policy.maxAttempts) throw error;
    if (!(await abortableDelay(reconnectDelay(this.#policy, attempt), this.#options.signal))) throw error;
  }

  #gap(reason: GapReason, subscriptionId: string | undefined, since: string | undefined): GapEvent {
    this.#stats.gaps += 1;
    return { type: 'gap', reason, subscriptionId, since, at: new Date() };
  }

  /** The event if it was not handed out before (by watermark); advances the watermark. */
  #fresh(event: NotificationEvent, subscriptionId: string, operation: string): WatchedEvent | undefined {
    const { watermark } = event;
    if (watermark === undefined)
      throw new EwsProtocolError(`${operation}: an event without a Watermark cannot be delivered once`, {
        operation,
      });
    this.#watermark = watermark;
    if (event.type === 'StatusEvent') return undefined;
    if (this.#delivered.has(watermark)) {
      this.#stats.duplicatesRemoved += 1;
      return undefined;
    }
    this.#delivered.add(watermark);
    this.#stats.delivered += 1;
    return { ...event, type: event.type, watermark, subscriptionId };
  }

  // ---- pull ----

  async *#pull(): AsyncGenerator<WatchEvent, void, undefined> {
    const { signal } = this.#options;
    let pending: { reason: ReconnectReason; attempts: number } | undefined;
    let failures = 0;
    const start = this.#watermark;
    if (!(await this.#subscribePull(start, start !== undefined))) {
      // The saved watermark is too old or unknown: what happened since is not known.
      await this.#subscribePull(undefined);
      yield this.#gap('watermark-refused', undefined, start);
    }
    while (!signal?.aborted) {
      const id = this.#subscriptionId as string;
      let notification: Notification;
      try {
        notification = await getEvents(this.#account, id, this.#watermark as string, this.#call());
      } catch (error) {
        const action = watchErrorAction(error);
        if (action === 'fail' || isOwnAbort(error, signal)) throw error;
        failures += 1;
        await this.#backOff(failures, error);
        if (action === 'retry') {
          pending = { reason: 'failed', attempts: failures };
          continue;
        }
        // The subscription is gone (or its watermark is): resume from the watermark where allowed.
        const since = this.#watermark;
        const resumed = action === 'resubscribe' && (await this.#subscribePull(since, true));
        if (!resumed) {
          await this.#subscribePull(undefined);
          yield this.#gap(action === 'restart' ? 'watermark-refused' : 'subscription-lost', id, since);
        }
        pending = undefined;
        this.#stats.reconnects += 1;
        yield {
          type: 'reconnected',
          reason: 'subscription-lost',
          attempts: failures,
          subscriptionId: this.#subscriptionId as string,
          resumed,
        };
        failures = 0;
        continue;
      }
      failures = 0;
      if (pending !== undefined) {
        this.#stats.reconnects += 1;
        yield { type: 'reconnected', ...pending, subscriptionId: id, resumed: true };
        pending = undefined;
      }
      for (const event of notification.events) {
        const fresh = this.#fresh(event, id, 'GetEvents');
        if (fresh !== undefined) yield fresh;
      }
      if (!notification.moreEvents && !(await abortableDelay(this.#pollMs, signal))) return;
    }
  }

  /**
   * A pull subscription, from `watermark` when given. With `tolerant`, ErrorInvalidWatermark answers
   * false (the caller starts afresh and reports a gap); retryable failures are retried with back-off.
   */
  async #subscribePull(watermark: string | undefined, tolerant = false): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const subscription = await subscribeToPull(this.#account, this.#folders, {
          ...this.#call(),
          events: this.#options.events,
          watermark,
          timeoutMinutes: this.#options.timeoutMinutes ?? DEFAULT_PULL_TIMEOUT_MINUTES,
        });
        this.#subscriptionId = subscription.id;
        this.#watermark = subscription.watermark;
        return true;
      } catch (error) {
        const action = watchErrorAction(error);
        if (tolerant && action === 'restart') return false;
        if (action !== 'retry' || isOwnAbort(error, this.#options.signal)) throw error;
        await this.#backOff(attempt, error);
      }
    }
  }

  // ---- streaming ----

  async *#streaming(): AsyncGenerator<WatchEvent, void, undefined> {
    const { signal } = this.#options;
    await this.#subscribeStreaming();
    // Why the next connection is opened, and whether its first notification must be checked.
    let reopened: { reason: ReconnectReason; attempts: number } | undefined;
    let broken = false;
    let failures = 0;
    while (!signal?.aborted) {
      const id = this.#subscriptionId as string;
      const connection = this.#connection(id, broken);
      let ended: 'closed' | 'ended';
      try {
        for (;;) {
          const next = await connection.next();
          if (next.done) {
            ended = next.value;
            break;
          }
          if (reopened !== undefined) {
            this.#stats.reconnects += 1;
            const resumed = reopened.reason !== 'subscription-lost';
            yield { type: 'reconnected', ...reopened, subscriptionId: id, resumed };
            reopened = undefined;
            failures = 0;
          }
          broken = false;
          if (next.value !== 'open') yield next.value;
        }
      } catch (error) {
        const stalled = error instanceof StalledConnection;
        const action = stalled ? 'retry' : watchErrorAction(error);
        if (action === 'fail' || isOwnAbort(error, signal)) throw stalled ? error.cause : error;
        failures += 1;
        await this.#backOff(failures, stalled ? error.cause : error);
        if (action === 'retry') {
          broken = true;
          reopened = { reason: stalled ? 'stalled' : 'dropped', attempts: failures };
          continue;
        }
        // The streaming subscription is gone: Subscribe takes no watermark for one, so what it held is lost.
        const since = this.#watermark;
        await this.#subscribeStreaming();
        yield this.#gap('subscription-lost', id, since);
        broken = false;
        reopened = { reason: 'subscription-lost', attempts: failures };
        continue;
      }
      if (ended === 'ended') {
        // The answer stopped without ConnectionStatus Closed: a dropped connection.
        failures += 1;
        await this.#backOff(
          failures,
          new EwsProtocolError('GetStreamingEvents: the stream ended without ConnectionStatus Closed', {
            operation: 'GetStreamingEvents',
          }),
        );
        broken = true;
        reopened = { reason: 'dropped', attempts: failures };
      } else {
        reopened = { reason: 'closed', attempts: 0 };
      }
    }
  }

  async #subscribeStreaming(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const subscription = await subscribeToStreaming(this.#account, this.#folders, {
          ...this.#call(),
          events: this.#options.events,
        });
        this.#subscriptionId = subscription.id;
        // A new chain: nothing is known about where it starts.
        this.#watermark = undefined;
        return;
      } catch (error) {
        if (watchErrorAction(error) !== 'retry' || isOwnAbort(error, this.#options.signal)) throw error;
        await this.#backOff(attempt, error);
      }
    }
  }

  /**
   * One GetStreamingEvents connection: yields `open` for its first document, then events and gaps;
   * returns `closed` when the server closed it, `ended` when the answer just stopped. `broken` says
   * the previous connection died, so the first notification's PreviousWatermark is checked against
   * the last watermark handed out: events sent on the dead connection show up as a difference.
   */
  async *#connection(
    id: string,
    broken: boolean,
  ): AsyncGenerator<Item | 'open', 'closed' | 'ended', undefined> {
    const { signal } = this.#options;
    const account = this.#account;
    if (!canStream(account))
      throw new EwsUnsupportedError('watch: streaming needs an account that can stream answers');
    const minutes = this.#options.connectionTimeoutMinutes ?? DEFAULT_WATCH_CONNECTION_MINUTES;
    const body = buildGetStreamingEvents({ subscriptionIds: [id], connectionTimeoutMinutes: minutes });
    const stall = new AbortController();
    const both = signal === undefined ? stall.signal : AbortSignal.any([signal, stall.signal]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stall.abort(), this.#deadMs);
    };
    let checkChain = broken;
    let first = true;
    try {
      arm();
      const response = await sendStream(account, 'GetStreamingEvents', body, {
        signal: both,
        timeoutMs: deadlineMs('timeoutMs', minutes * 60_000 + this.#deadMs),
      });
      const chunks = (async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          arm();
          yield chunk;
        }
      })(response.body);
      for await (const document of soapDocuments(chunks, 'GetStreamingEvents')) {
        let notifications: readonly Notification[];
        let failure: unknown;
        let closed = false;
        try {
          const answer = readGetStreamingEvents(
            decodeResponseText(document, 'GetStreamingEvents', response.status),
            [id],
          );
          notifications = answer.notifications;
          closed = answer.connectionStatus === 'Closed';
        } catch (error) {
          if (!(error instanceof StreamingEventsError)) throw error;
          // Events that came with the error first: the server will not send them again.
          notifications = error.notifications;
          failure = error;
        }
        if (first && failure === undefined) {
          first = false;
          yield 'open';
        }
        for (const notification of notifications) {
          if (checkChain) {
            checkChain = false;
            const gap = this.#chainGap(notification, id);
            if (gap !== undefined) yield gap;
          }
          for (const event of notification.events) {
            const fresh = this.#fresh(event, id, 'GetStreamingEvents');
            if (fresh !== undefined) yield fresh;
          }
        }
        if (failure !== undefined) throw failure;
        if (closed) return 'closed';
      }
      return 'ended';
    } catch (error) {
      if (stall.signal.aborted && !signal?.aborted) throw new StalledConnection(this.#deadMs, error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * After a dead connection: the first notification's PreviousWatermark names the last event the
   * server sent. Equal to ours (or to an event we already have): nothing was lost. Otherwise events
   * went down with the connection; with no watermark yet nothing can be proved either way.
   */
  #chainGap(notification: Notification, id: string): GapEvent | undefined {
    const ours = this.#watermark;
    const previous = notification.previousWatermark;
    if (ours === undefined) return this.#gap('unverifiable', id, undefined);
    if (previous === undefined || previous === ours || this.#delivered.has(previous)) return undefined;
    return this.#gap('events-lost', id, ours);
  }
}

/** No byte (event or keep-alive) for twice the heartbeat: the connection is dead. */
class StalledConnection extends Error {
  override readonly cause: EwsTimeoutError;

  constructor(ms: number, cause: unknown) {
    super(`GetStreamingEvents: nothing received for ${ms} ms`);
    this.cause = new EwsTimeoutError(
      `GetStreamingEvents: nothing received for ${ms} ms (twice the heartbeat)`,
      {
        operation: 'GetStreamingEvents',
        cause,
      },
    );
  }
}
