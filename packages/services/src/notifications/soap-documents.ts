import { EwsInvalidArgumentError, EwsProtocolError, positiveInteger, StrictUtf8Decoder } from '@ews/core';

// Where a search resumes: a closing tag may have been cut by the previous chunk's end.
const TAG_OVERLAP = 256;
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** Characters held at most while waiting for a document's end: a stream that never closes one is broken. */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

export interface SoapDocumentsOptions {
  /** The root element's local name (default `Envelope`); its closing tag ends a document, whatever the prefix. */
  readonly tag?: string | undefined;
  readonly maxDocumentChars?: number | undefined;
}

/**
 * The XML documents of a body that carries several, one after another (GetStreamingEvents keeps
 * its answer open and sends one SOAP envelope per batch), as exchangelib's DocumentYielder. Each
 * is yielded as soon as its closing `</…:Envelope>` has arrived, whatever the chunking (UTF-8
 * sequences split across chunks included); only the unfinished tail is held.
 */
export async function* soapDocuments(
  body: AsyncIterable<Uint8Array>,
  operation: string,
  options: SoapDocumentsOptions = {},
): AsyncGenerator<string, void, undefined> {
  const tag = options.tag ?? 'Envelope';
  if (!XML_NAME.test(tag)) throw new EwsInvalidArgumentError(`${tag} is not an XML element name`);
  // NaN once meant no bound at all: a stream that never closed a document grew without limit.
  const maxDocumentChars = positiveInteger(
    'maxDocumentChars',
    options.maxDocumentChars ?? MAX_DOCUMENT_CHARS,
  );
  const endTag = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${tag.replace(/[.-]/g, '\\$&')}\\s*>`, 'g');
  // Not UTF-8 is EWS_PROTOCOL, never U+FFFD in a notification.
  const decoder = new StrictUtf8Decoder(operation);
  let pending = '';
  for await (const chunk of body) {
    // Only the new text (and a tag's length before it) is searched, so a large document costs one pass.
    endTag.lastIndex = Math.max(0, pending.length - TAG_OVERLAP);
    pending += decoder.decode(chunk, true);
    let match = endTag.exec(pending);
    while (match !== null) {
      const end = match.index + match[0].length;
      yield pending.slice(0, end).trimStart();
      pending = pending.slice(end);
      endTag.lastIndex = 0;
      match = endTag.exec(pending);
    }
    if (pending.length > maxDocumentChars) {
      throw new EwsProtocolError(
        `${operation}: a streamed document exceeded ${maxDocumentChars} characters`,
        {
          operation,
        },
      );
    }
  }
  pending += decoder.end();
  if (pending.trim() !== '')
    throw new EwsProtocolError(`${operation}: the stream ended inside a document`, { operation });
}
