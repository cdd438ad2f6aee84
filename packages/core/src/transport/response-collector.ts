import { EwsProtocolError } from '../errors/error-classes.js';
import type { ConnectionInfo, EwsHttpResponse } from '../pipeline/http.js';
import { decodeUtf8Strictly } from '../xml/strict-utf8-decoder.js';
import { limitDescription, raiseLimitHint } from '../xml/xml-limit-error.js';
import { DEFAULT_RESPONSE_HIGH_WATER_MARK, ResponseBodyStream } from './response-body-stream.js';

/** Which socket a dispatcher's client is on right now (set by the tracked connector). */
export interface SocketSlot {
  current: ConnectionInfo | undefined;
}

export interface CollectorEvents {
  resolve(response: EwsHttpResponse): void;
  reject(error: unknown, dispatched: boolean): void;
  /**
   * Set to hand a 2xx body over as it arrives: the response resolves at the headers with a
   * `bodyStream` that pauses the socket while its consumer is behind.
   */
  readonly streamBody?:
    | {
        readonly signal: AbortSignal;
        /** The error a failure or abort during the body becomes. */
        readonly toError: (error: unknown) => Error;
        readonly abortError: () => Error;
      }
    | undefined;
  /**
   * The most bytes of a body read whole (ReaderLimits.maxResponseBytes): past it the exchange is
   * stopped and the call fails with EWS_PROTOCOL, so no larger answer is ever held. None if absent.
   */
  readonly maxBodyBytes?: number | undefined;
  /** Named in the errors of a body that is too large or not UTF-8. */
  readonly operation?: string | undefined;
}

/**
 * An undici dispatch handler that buffers one response as UTF-8 text: a successful (2xx) answer
 * must be valid UTF-8 (else EWS_PROTOCOL: bad bytes would become U+FFFD in the data), an error
 * answer is decoded leniently (it only feeds an error message). No more than `maxBodyBytes` are
 * kept. It uses
 * undici's classic callbacks because they tell us the moment the request is put on
 * a socket (`onConnect`): before it nothing was sent; after it the fate is unknown.
 */
export class ResponseCollector {
  /** Set by a tracked client when it takes the request, so the response can name its socket. */
  slot: SocketSlot | undefined;
  #dispatched = false;
  #connection: ConnectionInfo | undefined;
  #abort: ((reason?: Error) => void) | undefined;
  #abortReason: Error | undefined;
  #status = 0;
  #headers: Record<string, string | string[]> = {};
  readonly #chunks: Buffer[] = [];
  #bodyBytes = 0;
  #settled = false;
  #stream: ResponseBodyStream | undefined;
  readonly #events: CollectorEvents;

  constructor(events: CollectorEvents) {
    this.#events = events;
  }

  get dispatched(): boolean {
    return this.#dispatched;
  }

  /** Stops the exchange: now if it is on a socket, otherwise as soon as undici hands it one. */
  abort(reason: Error): void {
    this.#abortReason = reason;
    this.#abort?.(reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#abortReason) {
      abort(this.#abortReason);
      return;
    }
    this.#dispatched = true;
    this.#abort = abort;
    this.#connection = this.slot?.current;
  }

  onHeaders(
    status: number,
    rawHeaders: Buffer[] | string[],
    resume: () => void,
    _statusText: string,
  ): boolean {
    // 1xx interim responses (100-continue) are followed by the real one.
    if (status < 200) return true;
    this.#status = status;
    this.#headers = headersFromRaw(rawHeaders);
    const streaming = this.#events.streamBody;
    const buffered = !(streaming && status < 300);
    const declared = Number(this.#headers['content-length']);
    if (
      buffered &&
      Number.isFinite(declared) &&
      declared > (this.#events.maxBodyBytes ?? Number.POSITIVE_INFINITY)
    ) {
      this.#tooLarge();
      return false;
    }
    if (streaming && status < 300) {
      // Error answers stay buffered: auth, retry and error decoding read them whole.
      this.#stream = new ResponseBodyStream({
        resume,
        abort: (reason) => this.abort(reason),
        signal: streaming.signal,
        abortError: streaming.abortError,
        highWaterMark: DEFAULT_RESPONSE_HIGH_WATER_MARK,
      });
      this.#settled = true;
      this.#events.resolve({
        status,
        headers: this.#headers,
        body: '',
        bodyStream: this.#stream,
        connection: this.#connection,
      });
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#stream) return this.#stream.push(chunk);
    if (this.#settled) return false;
    this.#bodyBytes += chunk.byteLength;
    if (this.#bodyBytes > (this.#events.maxBodyBytes ?? Number.POSITIVE_INFINITY)) {
      this.#tooLarge();
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  /** Stops a body past maxBodyBytes, drops what was read, and fails the call. */
  #tooLarge(): void {
    const limit = this.#events.maxBodyBytes as number;
    const error = new EwsProtocolError(
      `Refused the answer: ${limitDescription('maxResponseBytes', limit)}; ${raiseLimitHint('maxResponseBytes')}`,
      { operation: this.#events.operation, requestFate: 'unknown' },
    );
    this.#settled = true;
    this.#chunks.length = 0;
    this.abort(error);
    this.#events.reject(error, this.#dispatched);
  }

  onComplete(_trailers: unknown): void {
    if (this.#stream) {
      this.#stream.end();
      return;
    }
    if (this.#settled) return;
    this.#settled = true;
    const bytes = Buffer.concat(this.#chunks);
    this.#chunks.length = 0;
    let body: string;
    if (this.#status >= 200 && this.#status < 300) {
      try {
        body = decodeUtf8Strictly(bytes, this.#events.operation);
      } catch (error) {
        this.#events.reject(error, this.#dispatched);
        return;
      }
    } else body = new TextDecoder('utf-8').decode(bytes);
    const response = {
      status: this.#status,
      headers: this.#headers,
      body,
      connection: this.#connection,
    };
    // undici marks the socket free a few microtasks after this callback; answering
    // on the next turn lets a caller's next request reuse the same keep-alive socket.
    setImmediate(() => this.#events.resolve(response));
  }

  onError(error: Error): void {
    if (this.#stream) {
      this.#stream.fail(this.#events.streamBody?.toError(error) ?? error);
      return;
    }
    if (this.#settled) return;
    this.#settled = true;
    this.#events.reject(error, this.#dispatched);
  }
}

/** undici's raw `[name, value, name, value…]` list as lower-case names; repeats become arrays. */
export function headersFromRaw(raw: readonly (Buffer | string)[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = String(raw[index]).toLowerCase();
    const value = latin1(raw[index + 1]);
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else if (typeof existing === 'string') headers[name] = [existing, value];
    else existing.push(value);
  }
  return headers;
}

function latin1(value: Buffer | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.toString('latin1');
}
