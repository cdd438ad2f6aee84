import type { CallOptions } from '../call-options.js';
import { EwsInvalidArgumentError, EwsProtocolError } from '../errors/error-classes.js';
import type { EwsHttpRequest } from '../pipeline/http.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import { createCallSignal } from './call-signal.js';
import type { ClientPipeline } from './client-pipeline.js';
import type { EwsRequest } from './ews-client.js';
import { readEwsResponse } from './read-response.js';

/** Text or bytes; text is sent as UTF-8. */
export type BodyChunk = Uint8Array | string;

/**
 * An operation element sent in three parts: `before`, the streamed `content`, `after`
 * (e.g. a CreateAttachment up to `<t:Content>`, the base64 chunks, and the closing tags).
 * The content is never held whole in memory.
 */
export interface StreamedOperationBody {
  readonly before: string;
  /**
   * The middle, already escaped for XML (base64 needs no escaping). A function is called
   * again for each send, so a retry or an authentication round can replay it; a plain
   * iterable is one-shot, and a call that would need to send it twice fails with
   * EWS_INVALID_ARGUMENT instead.
   */
  readonly content: AsyncIterable<BodyChunk> | (() => AsyncIterable<BodyChunk>);
  readonly after: string;
}

export interface EwsStreamRequest extends Omit<EwsRequest, 'body'> {
  readonly body: string | StreamedOperationBody;
}

/** A successful answer whose bytes arrive as they are read. */
export interface EwsStreamResponse {
  readonly operation: string;
  readonly status: number;
  /**
   * The raw SOAP envelope bytes, readable once. The socket waits while the reader is behind;
   * leaving the loop early stops the exchange. The call's deadline covers the reading.
   */
  readonly body: AsyncIterable<Uint8Array>;
}

/** What `EwsClient.sendStream` lends from the client. */
export interface StreamCallContext {
  readonly pipeline: ClientPipeline;
  readonly version: ExchangeVersion;
  readonly timeoutMs: number | undefined;
  /** The client's own request for `request` at `version` (endpoint, SOAP headers, defaults). */
  readonly httpRequest: (request: EwsRequest, signal: AbortSignal) => EwsHttpRequest;
}

// A comment cannot occur in the operation parts we are given (they are elements), so it marks the split.
const CONTENT_MARKER = '<!--ews:streamed-content-->';

/**
 * One call through the client's whole pipeline (auth, retry, affinity, logging) with a streamed
 * request body and/or a streamed answer. Error answers are decoded into errors as usual; a 2xx
 * answer is handed over undecoded. The request version is not negotiated down here.
 */
export async function sendStreamed(
  request: EwsStreamRequest,
  options: CallOptions,
  context: StreamCallContext,
): Promise<EwsStreamResponse> {
  const { operation } = request;
  const call = createCallSignal(options.signal, options.timeoutMs ?? context.timeoutMs);
  let handedOver = false;
  try {
    const streamed = typeof request.body === 'string' ? undefined : request.body;
    const operationXml = streamed ? `${streamed.before}${CONTENT_MARKER}${streamed.after}` : request.body;
    const { body, ...whole } = context.httpRequest({ ...request, body: operationXml as string }, call.signal);
    const http: EwsHttpRequest = {
      ...whole,
      streamResponse: true,
      ...(streamed ? { bodyStream: envelopeStream(body ?? '', streamed, operation) } : { body }),
    };
    const response = await context.pipeline.send(http);
    if (response.bodyStream) {
      handedOver = true;
      return { operation, status: response.status, body: guarded(response.bodyStream, call, operation) };
    }
    const outcome = readEwsResponse(response, operation, context.version);
    if (outcome.kind === 'error') throw outcome.error;
    throw new EwsProtocolError(`${operation}: unexpected HTTP ${response.status} answer`, { operation });
  } catch (error) {
    throw call.translate(error, operation);
  } finally {
    if (!handedOver) call.dispose();
  }
}

/** The envelope around the content, opened anew for each send when the content can be replayed. */
function envelopeStream(
  envelope: string,
  streamed: StreamedOperationBody,
  operation: string,
): () => AsyncIterable<Uint8Array> {
  const at = envelope.indexOf(CONTENT_MARKER);
  if (at < 0 || envelope.indexOf(CONTENT_MARKER, at + 1) >= 0) {
    throw new EwsInvalidArgumentError(
      `${operation}: the streamed body parts must not contain ${CONTENT_MARKER}`,
    );
  }
  const encoder = new TextEncoder();
  const head = encoder.encode(envelope.slice(0, at));
  const tail = encoder.encode(envelope.slice(at + CONTENT_MARKER.length));
  const source = streamed.content;
  let opened = false;
  const open = (): AsyncIterable<BodyChunk> => {
    if (typeof source === 'function') return source();
    if (opened) {
      throw new EwsInvalidArgumentError(
        `${operation}: the streamed request body had to be sent again (a retry or an authentication round) ` +
          'but it is a one-shot iterable; pass a function that opens the source anew',
        { operation },
      );
    }
    opened = true;
    return source;
  };
  return () => {
    const content = open();
    return (async function* () {
      yield head;
      for await (const chunk of content) {
        if (typeof chunk === 'string') yield encoder.encode(chunk);
        else if (chunk instanceof Uint8Array) yield chunk;
        else
          throw new EwsInvalidArgumentError(`${operation}: streamed content must be strings or Uint8Arrays`);
      }
      yield tail;
    })();
  };
}

/** The body with the call's error translation, and the call's timer cleared when reading ends. */
async function* guarded(
  body: AsyncIterable<Uint8Array>,
  call: ReturnType<typeof createCallSignal>,
  operation: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    yield* body;
  } catch (error) {
    throw call.translate(error, operation);
  } finally {
    call.dispose();
  }
}
