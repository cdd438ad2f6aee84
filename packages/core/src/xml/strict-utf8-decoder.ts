import { EwsProtocolError } from '../errors/error-classes.js';

/**
 * Bytes of an answer to text, refusing what is not UTF-8 (EWS answers are UTF-8 and nothing else):
 * a lenient decoder would turn bad bytes into U+FFFD and hand them over as data. Throws
 * EwsProtocolError. For a stream, call `decode` with each chunk
 * and `end()` once after the last (a character may be split between chunks).
 */
export class StrictUtf8Decoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  readonly #operation: string | undefined;

  constructor(operation?: string) {
    this.#operation = operation;
  }

  /** The text of `bytes`; with `stream`, an incomplete character at the end waits for the next chunk. */
  decode(bytes: Uint8Array, stream = false): string {
    try {
      return this.#decoder.decode(bytes, { stream });
    } catch (error) {
      throw new EwsProtocolError('The answer is not valid UTF-8 (a malformed byte sequence)', {
        operation: this.#operation,
        cause: error,
      });
    }
  }

  /** What is left at the end of a stream ('' unless the last character was cut short: then it throws). */
  end(): string {
    try {
      return this.#decoder.decode();
    } catch (error) {
      throw new EwsProtocolError('The answer is not valid UTF-8 (it ends inside a character)', {
        operation: this.#operation,
        cause: error,
      });
    }
  }
}

/** Decodes a whole answer strictly (see StrictUtf8Decoder). */
export function decodeUtf8Strictly(bytes: Uint8Array, operation?: string): string {
  return new StrictUtf8Decoder(operation).decode(bytes);
}
