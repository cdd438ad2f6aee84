import type { ExchangeState } from '../store/exchange-state.js';
import type { GeneratedEvent } from '../store/subscriptions.js';
import type { OpenStreams } from './event-stream.js';

/**
 * What a test can do to the server's notifications, to prove a client survives it: cut, end or hang
 * the open GetStreamingEvents connections, expire a subscription, and keep its own ledger of every
 * event the server generated (independent of what any client received).
 */
export interface TestServerNotifications {
  /** The GetStreamingEvents connections open right now. */
  openStreams(): number;
  /**
   * Cuts every open stream mid-response (the socket is destroyed). With `loseInFlight`, the events
   * waiting are first taken off their subscriptions, as if written to a socket that then died: the
   * client never sees them and Exchange would not send them again. Returns how many were cut.
   */
  dropStreams(options?: { readonly loseInFlight?: boolean }): number;
  /** Ends every open stream now with ConnectionStatus Closed, as when its ConnectionTimeout elapses. */
  endStreams(): number;
  /** Every open stream stops writing (no events, no keep-alives) and never ends by itself: a hung connection. */
  stallStreams(): number;
  /** On every open stream, the next batch of events is written twice (a replaying proxy). */
  duplicateNextBatch(): number;
  /**
   * Ends a subscription as its timeout would: later calls with its id get ErrorSubscriptionNotFound, a
   * stream on it ends with ConnectionStatus Closed, and a Subscribe with one of its watermarks may still
   * resume from it (as Exchange's event table outlives a subscription). False when it is not live.
   */
  expireSubscription(subscriptionId: string): boolean;
  /** Calls `watcher` with every event the server generates from now on; returns the stop function. */
  watchEvents(watcher: (event: GeneratedEvent) => void): () => void;
}

export function notificationControls(state: ExchangeState, streams: OpenStreams): TestServerNotifications {
  const each = (act: (control: ReturnType<OpenStreams['live']>[number]) => void): number => {
    const live = streams.live();
    for (const control of live) act(control);
    return live.length;
  };
  return {
    openStreams: () => streams.live().length,
    dropStreams: (options = {}) => each((control) => control.drop(options.loseInFlight === true)),
    endStreams: () => each((control) => control.end()),
    stallStreams: () => each((control) => control.stall()),
    duplicateNextBatch: () => each((control) => control.duplicateNextBatch()),
    expireSubscription: (id) => state.subscriptions.remove(id),
    watchEvents: (watcher) => state.subscriptions.watchEvents(watcher),
  };
}
