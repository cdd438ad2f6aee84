import { decodeUtf8Strictly, EwsProtocolError } from '@ews/core';
import { decodeResponseText } from '../internal/streamed-response.js';
import { readGetAttachment } from '../operations/get-attachment.js';
import { Base64Decoder } from './base64-stream.js';

// `<t:Content>` with whatever prefix the server chose; `<t:ContentType>` does not match.
const CONTENT_START = /<(?:[A-Za-z_][\w.-]*:)?Content(\/?)>/;
const CONTENT_END = /^<\/(?:[A-Za-z_][\w.-]*:)?Content>/;
// What follows the content is closing tags (about 200 bytes): more is not one attachment's answer.
const MAX_TAIL_CHARS = 64 * 1024;

/**
 * Reads a GetAttachment answer as it arrives and yields the attachment's bytes: the XML before
 * `<t:Content>` and after it is small and buffered; the base64 between them is decoded chunk by
 * chunk. An answer without content (an error, an item attachment) is decoded whole and its
 * error thrown. Once the content is read, the answer around it is decoded too: one id was sent,
 * so anything but one successful message (a second attachment after the first) is an
 * EWS_PROTOCOL error at the end of the download.
 */
export async function* attachmentContent(
  envelope: AsyncIterable<Uint8Array>,
  operation = 'GetAttachment',
): AsyncGenerator<Uint8Array, void, undefined> {
  // latin1 maps bytes to characters one to one, so ASCII markers can be found in any UTF-8.
  let head = '';
  let tail = '';
  let phase: 'head' | 'content' | 'tail' = 'head';
  const decoder = new Base64Decoder();
  for await (const chunk of envelope) {
    let text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (phase === 'head') {
      head += text;
      const match = CONTENT_START.exec(head);
      if (!match) continue;
      // An empty attachment is `<t:Content/>`.
      phase = match[1] === '/' ? 'tail' : 'content';
      text = head.slice(match.index + match[0].length);
      head = head.slice(0, match.index);
    }
    if (phase === 'content') {
      const end = text.indexOf('<');
      const bytes = decoder.push(end < 0 ? text : text.slice(0, end));
      if (bytes.byteLength > 0) yield bytes;
      if (end < 0) continue;
      phase = 'tail';
      text = text.slice(end);
    }
    if (phase === 'tail') {
      tail += text;
      if (tail.length > MAX_TAIL_CHARS)
        throw new EwsProtocolError(`${operation}: more than one attachment's answer after the content`, {
          operation,
        });
    }
  }
  if (phase === 'head') throw errorOf(head, operation);
  if (phase === 'content') {
    throw new EwsProtocolError(`${operation}: the answer ended inside the attachment content`, { operation });
  }
  const last = decoder.end();
  if (!last.complete)
    throw new EwsProtocolError(`${operation}: the attachment content is not valid base64`, { operation });
  if (last.bytes.byteLength > 0) yield last.bytes;
  checkAround(head, tail.replace(CONTENT_END, ''), operation);
}

/**
 * The answer without its content: one message for the one id sent, and a success. Its bytes must
 * be UTF-8 as any answer's (never read with U+FFFD in place of what is not).
 */
function checkAround(head: string, tail: string, operation: string): void {
  const text = decodeUtf8Strictly(Buffer.from(head + tail, 'latin1'), operation);
  const [outcome] = readGetAttachment(decodeResponseText(text, operation), 1);
  if (outcome && !outcome.ok) throw outcome.error;
}

/** The error an answer without content stands for (decoded as a whole: it is small). */
function errorOf(latin1Text: string, operation: string): Error {
  const text = decodeUtf8Strictly(Buffer.from(latin1Text, 'latin1'), operation);
  const [outcome] = readGetAttachment(decodeResponseText(text, operation), 1);
  if (outcome && !outcome.ok) return outcome.error;
  return new EwsProtocolError(
    `${operation}: the attachment has no content to download (an item attachment?)`,
    {
      operation,
    },
  );
}
