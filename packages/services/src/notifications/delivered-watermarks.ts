import { positiveInteger } from '@ews/core';

/** How many delivered watermarks `watch` remembers to drop an event that comes again. */
export const DEFAULT_DEDUPE_WINDOW = 10_000;

/**
 * The watermarks of the latest events handed out, so an event the server sends again (a replay after
 * a reconnection or a resumed subscription) is dropped instead of delivered twice. Bounded: the
 * oldest are forgotten first.
 */
export class DeliveredWatermarks {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit: number = DEFAULT_DEDUPE_WINDOW) {
    this.#limit = positiveInteger('dedupeWindow', limit);
  }

  has(watermark: string): boolean {
    return this.#seen.has(watermark);
  }

  add(watermark: string): void {
    this.#seen.add(watermark);
    if (this.#seen.size > this.#limit) {
      const oldest = this.#seen.values().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
  }
}
