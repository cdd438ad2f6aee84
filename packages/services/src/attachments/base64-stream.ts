/** Bytes from a source that yields either. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Base64 text of a byte stream, chunk by chunk: each chunk's bytes are encoded up to a multiple
 * of three, the rest waits for the next chunk. Memory stays at one chunk whatever the total.
 */
export async function* encodeBase64Stream(source: ByteSource): AsyncGenerator<string, void, undefined> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
    const whole = bytes.length - (bytes.length % 3);
    carry = bytes.subarray(whole);
    if (whole > 0) yield bytes.subarray(0, whole).toString('base64');
  }
  if (carry.length > 0) yield carry.toString('base64');
}

/**
 * Decodes base64 text that arrives in pieces: whitespace is skipped and up to three characters
 * wait for the rest of their quantum. Each `push` gives back the bytes decoded so far.
 */
export class Base64Decoder {
  #pending = '';

  push(text: string): Uint8Array {
    const clean = this.#pending + text.replace(/[\s]+/g, '');
    const whole = clean.length - (clean.length % 4);
    this.#pending = clean.slice(whole);
    return Buffer.from(clean.slice(0, whole), 'base64');
  }

  /** The last bytes; a truncated quantum is a protocol error for the caller to report. */
  end(): { readonly bytes: Uint8Array; readonly complete: boolean } {
    const rest = this.#pending;
    this.#pending = '';
    return { bytes: Buffer.from(rest, 'base64'), complete: rest.length === 0 };
  }
}
