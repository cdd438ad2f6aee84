import type { Dispatcher, Client as UndiciClient } from 'undici';
import { ResponseCollector, type SocketSlot } from './response-collector.js';
import { Client } from './undici-parts.js';

/**
 * An undici Client that tells our response collector which socket slot it is on,
 * so every response can name the connection it arrived on.
 */
export class TrackedClient extends Client {
  readonly slot: SocketSlot;

  constructor(origin: string | URL, options: UndiciClient.Options, slot: SocketSlot) {
    super(origin, options);
    this.slot = slot;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (handler instanceof ResponseCollector) handler.slot = this.slot;
    return super.dispatch(options, handler);
  }
}
