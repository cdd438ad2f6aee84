import { type CallOptions, positiveInteger } from '@ews/core';
import { wholeCall } from '../internal/call-deadline.js';
import { chunk, mapLimit } from '../internal/map-limit.js';
import { allFailed } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';

export const DEFAULT_CHUNK_SIZE = 100;
export const DEFAULT_BULK_CONCURRENCY = 4;

/**
 * `timeoutMs` bounds the whole call: every chunk's request gets what is left of it, and a chunk
 * not sent by then fails its items with EWS_TIMEOUT (fate `not-sent`). `signal` aborts the call.
 */
export interface BulkOptions extends CallOptions {
  /** Items per request (default 100). */
  readonly chunkSize?: number | undefined;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number | undefined;
}

/** One result per input, in input order: its value or its own error. */
export type BulkResult<T> = Outcome<T>;

/**
 * Sends `inputs` in chunks with bounded concurrency. A chunk whose call fails as a whole (a fault,
 * a lost connection) gives that error to each of its inputs; other chunks keep their results.
 * A chunk whose reader gives back another number of outcomes than inputs sent fails each of its
 * inputs (EWS_PROTOCOL, fate unknown): results never shift onto the next chunk's inputs. So the
 * result always has one entry per input, in input order. An abort is not a result: it rejects the
 * whole call.
 */
export async function runChunks<I, R>(
  operation: string,
  inputs: readonly I[],
  given: BulkOptions,
  send: (chunk: readonly I[], options: CallOptions) => Promise<readonly Outcome<R>[]>,
): Promise<BulkResult<R>[]> {
  // Checked even for no inputs: a NaN chunkSize once made every bulk verb return [] and do nothing.
  const chunkSize = positiveInteger('chunkSize', given.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const concurrency = positiveInteger('concurrency', given.concurrency ?? DEFAULT_BULK_CONCURRENCY);
  const options = wholeCall(given);
  const chunks = chunk(inputs, chunkSize);
  const results = await mapLimit(chunks, concurrency, options.signal, async (part) => {
    try {
      const outcomes = await send(part, options);
      if (outcomes.length !== part.length) return allFailed<R>(operation, part.length, outcomes.length);
      return outcomes;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      return part.map((): Outcome<R> => ({ ok: false, error: failure }));
    }
  });
  return results.flat();
}
