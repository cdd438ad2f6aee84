/** How a streamed response body talks back to the exchange that feeds it. */
export interface ResponseBodyControl {
  /** Lets undici read from the socket again after `push` returned false. */
  readonly resume: () => void;
  /** Stops the exchange (the consumer went away, or the call was aborted). */
  readonly abort: (reason: Error) => void;
  /** The call's signal: an abort ends the stream with `abortError()`. */
  readonly signal: AbortSignal;
  readonly abortError: () => Error;
  /** Bytes queued before the socket is paused. */
  readonly highWaterMark: number;
}

/** Default queued bytes before the socket is paused: a few socket reads. */
export const DEFAULT_RESPONSE_HIGH_WATER_MARK = 256 * 1024;

/**
 * A response body handed over as it arrives, read once. The socket is paused while more than
 * `highWaterMark` bytes wait for the consumer, so a large answer never sits in memory whole.
 * Leaving the loop early (or an abort) stops the exchange.
 */
export class ResponseBodyStream implements AsyncIterable<Uint8Array> {
  readonly #control: ResponseBodyControl;
  readonly #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #paused = false;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  #taken = false;

  constructor(control: ResponseBodyControl) {
    this.#control = control;
    control.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** A chunk from the socket; false asks undici to pause until `resume`. */
  push(chunk: Uint8Array): boolean {
    if (this.#ended || this.#error) return true;
    this.#queue.push(chunk);
    this.#queuedBytes += chunk.byteLength;
    this.#notify();
    this.#paused = this.#queuedBytes >= this.#control.highWaterMark;
    return !this.#paused;
  }

  end(): void {
    if (this.#ended || this.#error) return;
    this.#ended = true;
    this.#detach();
    this.#notify();
  }

  fail(error: Error): void {
    if (this.#ended || this.#error) return;
    this.#error = error;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#detach();
    this.#notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#taken) throw new TypeError('A streamed response body can be read only once');
    this.#taken = true;
    return {
      next: () => this.#next(),
      return: async () => {
        if (!this.#ended && !this.#error) {
          const reason = new Error('The response body was not read to the end');
          this.fail(reason);
          this.#control.abort(reason);
        }
        return { done: true, value: undefined };
      },
    };
  }

  async #next(): Promise<IteratorResult<Uint8Array>> {
    for (;;) {
      const chunk = this.#queue.shift();
      if (chunk !== undefined) {
        this.#queuedBytes -= chunk.byteLength;
        if (this.#paused && this.#queuedBytes < this.#control.highWaterMark) {
          this.#paused = false;
          this.#control.resume();
        }
        return { done: false, value: chunk };
      }
      if (this.#error) throw this.#error;
      if (this.#ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  readonly #onAbort = (): void => {
    const error = this.#control.abortError();
    this.fail(error);
    this.#control.abort(error);
  };

  #detach(): void {
    this.#control.signal.removeEventListener('abort', this.#onAbort);
  }
}
