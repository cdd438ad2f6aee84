import type { CallOptions } from '../call-options.js';
import { EwsInvalidArgumentError, EwsProtocolError } from '../errors/error-classes.js';
import { deadlineMs } from '../options/deadline.js';
import type { EwsHttpRequest } from '../pipeline/http.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import type { ReaderLimits } from '../xml/reader-limits.js';
import { isXmlFragment, type XmlFragment } from '../xml/write.js';
import { type CallSignal, createCallSignal } from './call-signal.js';
import type { ClientPipeline } from './client-pipeline.js';
import type { EwsRequest } from './ews-client.js';
import { readAnswer } from './read-answer.js';
import type { readEwsResponse } from './read-response.js';

/** Text or bytes; text is sent as UTF-8. */
export type BodyChunk = Uint8Array | string;

/**
 * An operation element sent in three parts: `before`, the streamed `content`, `after`
 * (e.g. a CreateAttachment up to `<t:Content>`, the base64 chunks, and the closing tags).
 * The content is never held whole in memory.
 */
export interface StreamedOperationBody {
  readonly before: string | XmlFragment;
  /**
   * The middle, already escaped for XML (base64 needs no escaping). A function is called
   * again for each send, so a retry or an authentication round can replay it; a plain
   * iterable is one-shot, and a call that would need to send it twice fails with
   * EWS_INVALID_ARGUMENT instead.
   */
  readonly content: AsyncIterable<BodyChunk> | (() => AsyncIterable<BodyChunk>);
  readonly after: string | XmlFragment;
}

export interface EwsStreamRequest extends Omit<EwsRequest, 'body'> {
  readonly body: string | XmlFragment | StreamedOperationBody;
}

function xmlOf(part: string | XmlFragment): string {
  return typeof part === 'string' ? part : part.xml;
}

/** A successful answer whose bytes arrive as they are read. */
export interface EwsStreamResponse {
  readonly operation: string;
  readonly status: number;
  /**
   * The raw SOAP envelope bytes, readable once. The socket waits while the reader is behind;
   * leaving the loop early stops the exchange. The call's deadline covers the reading: the time
   * spent waiting for each chunk counts, the time the reader holds one does not.
   */
  readonly body: AsyncIterable<Uint8Array>;
  /** The client's reader limits, for whoever reads `body` (parseXml's `limits`). */
  readonly readerLimits?: ReaderLimits | undefined;
}

/** What `EwsClient.sendStream` lends from the client. */
export interface StreamCallContext {
  readonly pipeline: ClientPipeline;
  /** The client's resolved deadline per call (milliseconds, or NO_DEADLINE). */
  readonly timeoutMs: number;
  readonly readerLimits: ReaderLimits;
  /** The RequestServerVersion to send now (the client's negotiated one). */
  readonly version: () => ExchangeVersion;
  /** The client's own request for `request` at `version` (endpoint, SOAP headers, defaults). */
  readonly httpRequest: (
    request: EwsRequest,
    version: ExchangeVersion,
    signal: AbortSignal,
  ) => EwsHttpRequest;
  /**
   * After an error answer to a call sent with `version`: the older version to try next when the
   * server rejected that one (and negotiation is on), else undefined. Shared with `send`.
   */
  readonly nextVersion: (
    outcome: ReturnType<typeof readEwsResponse>,
    version: ExchangeVersion,
    tried: Set<ExchangeVersion>,
    operation: string,
  ) => ExchangeVersion | undefined;
}

// A comment cannot occur in the operation parts we are given (they are elements), so it marks the split.
const CONTENT_MARKER = '<!--ews:streamed-content-->';

/**
 * One call through the client's whole pipeline (auth, retry, affinity, logging) with a streamed
 * request body and/or a streamed answer. Error answers are decoded into errors as usual; a 2xx
 * answer is handed over undecoded. A version the server rejects is stepped down as `send` does
 * (the rejection is an error answer, so nothing has been handed over yet); the body is then sent
 * again, which a one-shot iterable content cannot be.
 */
export async function sendStreamed(
  request: EwsStreamRequest,
  options: CallOptions,
  context: StreamCallContext,
): Promise<EwsStreamResponse> {
  const { operation } = request;
  const timeoutMs =
    options.timeoutMs === undefined ? context.timeoutMs : deadlineMs('timeoutMs', options.timeoutMs);
  const call = createCallSignal(options.signal, timeoutMs);
  let handedOver = false;
  try {
    const streamed =
      typeof request.body === 'string' || isXmlFragment(request.body) ? undefined : request.body;
    const operationXml = streamed
      ? `${xmlOf(streamed.before)}${CONTENT_MARKER}${xmlOf(streamed.after)}`
      : (request.body as string | XmlFragment);
    // One opener for every send of this call (a one-shot iterable refuses to be opened twice).
    const openContent = streamed ? contentOpener(streamed, operation) : undefined;
    const tried = new Set<ExchangeVersion>();
    for (;;) {
      const version = context.version();
      tried.add(version);
      const { body, ...whole } = context.httpRequest(
        { ...request, body: operationXml },
        version,
        call.signal,
      );
      const http: EwsHttpRequest = {
        ...whole,
        streamResponse: true,
        ...(openContent ? { bodyStream: envelopeStream(body ?? '', openContent, operation) } : { body }),
      };
      const response = await context.pipeline.send(http);
      if (response.bodyStream) {
        handedOver = true;
        // The clock runs again when the reader asks for the first chunk.
        call.pause();
        return {
          operation,
          status: response.status,
          body: guarded(response.bodyStream, call, operation),
          readerLimits: context.readerLimits,
        };
      }
      const outcome = readAnswer(response, operation, version, {
        limits: context.readerLimits,
        responseElement: request.responseElement,
      });
      if (outcome.kind === 'error') {
        if (context.nextVersion(outcome, version, tried, operation) === undefined) throw outcome.error;
        continue;
      }
      throw new EwsProtocolError(`${operation}: unexpected HTTP ${response.status} answer`, { operation });
    }
  } catch (error) {
    throw call.translate(error, operation);
  } finally {
    if (!handedOver) call.dispose();
  }
}

/** Opens the content for a send: anew each time from a function, once only from an iterable. */
function contentOpener(streamed: StreamedOperationBody, operation: string): () => AsyncIterable<BodyChunk> {
  const source = streamed.content;
  let opened = false;
  return () => {
    if (typeof source === 'function') return source();
    if (opened) {
      throw new EwsInvalidArgumentError(
        `${operation}: the streamed request body had to be sent again (a retry, an authentication round ` +
          'or an older request version) but it is a one-shot iterable; pass a function that opens the source anew',
        { operation },
      );
    }
    opened = true;
    return source;
  };
}

/** The envelope around the content, the content opened anew for each send. */
function envelopeStream(
  envelope: string,
  openContent: () => AsyncIterable<BodyChunk>,
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
  return () => {
    const content = openContent();
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

/**
 * The body with the call's error translation and deadline: the clock runs while the next chunk is
 * awaited (a server sending one byte a second runs out of time), not while the reader holds one
 * (a slow reader is not the server's fault, and the socket waits for it). Cleared when reading ends.
 */
async function* guarded(
  body: AsyncIterable<Uint8Array>,
  call: CallSignal,
  operation: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const chunks = body[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      call.resume();
      const next = await chunks.next();
      call.pause();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } catch (error) {
    finished = true;
    throw call.translate(error, operation);
  } finally {
    call.dispose();
    // Leaving the loop early stops the exchange (as `yield*` would).
    if (!finished) await chunks.return?.();
  }
}
