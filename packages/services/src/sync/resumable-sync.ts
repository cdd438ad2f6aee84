import { type CallOptions, throwIfAborted } from '@ews/core';

/** What every sync batch carries: its changes and the state to persist once they are applied. */
export interface SyncBatchBase<C> {
  readonly changes: readonly C[];
  readonly syncState: string;
}

/** One sync call's answer: the batch to hand out, and whether the server says everything is in sync. */
export interface FetchedBatch<B> {
  readonly batch: B;
  readonly last: boolean;
}

/** `signal` and `timeoutMs` apply to each sync call (the time between batches is yours). */
export interface ResumableSyncOptions extends CallOptions {
  readonly syncState?: string | undefined;
}

/**
 * The paging shared by `ItemSync` and `FolderSync`: one server call per batch from `syncState` until
 * the server says the folder is in sync. `syncState` moves forward only once a whole batch has been
 * handed out, so a loop that stops early resumes at the start of that batch.
 */
export abstract class ResumableSync<C, B extends SyncBatchBase<C>> implements AsyncIterable<C> {
  readonly #call: CallOptions;
  #syncState: string | undefined;

  protected constructor(options: ResumableSyncOptions) {
    this.#call = { signal: options.signal, timeoutMs: options.timeoutMs };
    this.#syncState = options.syncState === '' ? undefined : options.syncState;
  }

  /** The state after the last batch handed out completely; undefined before the first one. */
  get syncState(): string | undefined {
    return this.#syncState;
  }

  [Symbol.asyncIterator](): AsyncIterator<C> {
    return this.changes()[Symbol.asyncIterator]();
  }

  /** Every change, batch after batch, until the server says everything is in sync. */
  async *changes(options: CallOptions = {}): AsyncGenerator<C, void, undefined> {
    for await (const batch of this.batches(options)) yield* batch.changes;
  }

  /**
   * One batch per server call, each with the state to persist once it is applied. `signal` and
   * `timeoutMs` given here win over those the sync was made with.
   */
  async *batches(options: CallOptions = {}): AsyncGenerator<B, void, undefined> {
    const call: CallOptions = {
      signal: options.signal ?? this.#call.signal,
      timeoutMs: options.timeoutMs ?? this.#call.timeoutMs,
    };
    for (;;) {
      // core's: EwsAbortError (EWS_ABORTED), as every other call ends, not the DOM's AbortError.
      if (call.signal !== undefined) throwIfAborted(call.signal);
      const { batch, last } = await this.fetchBatch(this.#syncState, call);
      yield batch;
      // Only now has the caller taken the whole batch.
      this.#syncState = batch.syncState;
      if (last) return;
    }
  }

  /** One server call from `syncState` (undefined = from scratch). */
  protected abstract fetchBatch(
    syncState: string | undefined,
    options: CallOptions,
  ): Promise<FetchedBatch<B>>;
}
