import type { ServerResponse } from 'node:http';
import type { DirectoryMailbox } from '../directory/directory.js';
import { findSubscription, invalidSubscription, renderEvent } from '../operations/notifications.js';
import { type OperationHandler, ResponseError } from '../operations/operation-context.js';
import { renderEnvelope } from '../soap/envelope.js';
import { errorParts, operationResponse, successParts } from '../soap/response-messages.js';
import type { ExchangeState } from '../store/exchange-state.js';
import {
  encodeWatermark,
  isWellFormedSubscriptionId,
  type Subscription,
  type SubscriptionListener,
} from '../store/subscriptions.js';
import { child, childrenNamed, childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import type { ResolvedStreaming } from './streaming-options.js';

/** What a valid GetStreamingEvents request asked for. */
export interface StreamRequest {
  readonly actor: DirectoryMailbox;
  readonly subscriptions: readonly Subscription[];
  readonly timeoutMinutes: number;
  /** Frees the connection slot taken when the request was accepted. */
  readonly release: () => void;
}

/** What a test can do to one open GetStreamingEvents connection (see TestServer.notifications). */
export interface StreamControl {
  /**
   * Cuts the connection mid-stream. With `loseInFlight`, the events waiting are first taken off their
   * subscriptions as if they had been written to a socket that then died: the client never sees them.
   */
  drop(loseInFlight: boolean): void;
  /** Ends the stream now with ConnectionStatus Closed, as when its ConnectionTimeout elapses. */
  end(): void;
  /** Stops writing anything (events, keep-alives) but keeps the connection open: a hung stream. */
  stall(): void;
  /** The next batch of events is written twice, as a replaying proxy would. */
  duplicateNextBatch(): void;
}

/** Open streams per account (Exchange's HangingConnectionLimit counts the account acted as). */
export class OpenStreams {
  private readonly perAccount = new Map<string, number>();
  private readonly controls = new Set<StreamControl>();

  /** The open streams, for test controls. */
  live(): StreamControl[] {
    return [...this.controls];
  }

  register(control: StreamControl): () => void {
    this.controls.add(control);
    return () => {
      this.controls.delete(control);
    };
  }

  count(account: string): number {
    return this.perAccount.get(account.toLowerCase()) ?? 0;
  }

  open(account: string): () => void {
    const key = account.toLowerCase();
    this.perAccount.set(key, this.count(key) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = this.count(key) - 1;
      if (left <= 0) this.perAccount.delete(key);
      else this.perAccount.set(key, left);
    };
  }
}

function streamingMessage(...content: XmlContent[]) {
  return operationResponse('GetStreamingEvents', [
    el('m:GetStreamingEventsResponseMessage', { ResponseClass: 'Success' }, successParts(...content)),
  ]);
}

const status = (value: 'OK' | 'Closed') => textEl('m:ConnectionStatus', value);

/**
 * The GetStreamingEvents handler for handleSoap: checks the subscriptions and the connection limit
 * and answers the first envelope; `accepted` receives what to stream when the request is good.
 */
export function streamingEventsHandler(
  streams: OpenStreams,
  limits: ResolvedStreaming,
  accepted: (request: StreamRequest) => void,
): OperationHandler {
  return (ctx, request) => {
    const ids = childrenNamed(child(request, 'SubscriptionIds'), 'SubscriptionId').map((e) => e.text.trim());
    const found: Subscription[] = [];
    const bad: string[] = [];
    // Ids this server cannot have issued are ErrorInvalidSubscription, reported before unknown ones.
    const unreadable = ids.filter((id) => !isWellFormedSubscriptionId(id));
    for (const id of ids) {
      if (unreadable.includes(id)) continue;
      try {
        const subscription = findSubscription(ctx, id);
        if (subscription.kind === 'streaming') found.push(subscription);
        else bad.push(id);
      } catch (error) {
        if (!(error instanceof ResponseError)) throw error;
        bad.push(id);
      }
    }
    const fail = (error: ResponseError, extra?: XmlContent) =>
      operationResponse('GetStreamingEvents', [
        el(
          'm:GetStreamingEventsResponseMessage',
          { ResponseClass: 'Error' },
          errorParts(error, extra, status('Closed')),
        ),
      ]);
    if (unreadable.length > 0) {
      return fail(
        invalidSubscription(),
        el(
          'm:ErrorSubscriptionIds',
          null,
          unreadable.map((id) => textEl('t:SubscriptionId', id)),
        ),
      );
    }
    if (bad.length > 0) {
      return fail(
        new ResponseError('ErrorSubscriptionNotFound', 'The specified subscription was not found.'),
        el(
          'm:ErrorSubscriptionIds',
          null,
          bad.map((id) => textEl('t:SubscriptionId', id)),
        ),
      );
    }
    if (streams.count(ctx.actor.address) >= limits.maxConnectionsPerUser) {
      return fail(
        new ResponseError(
          'ErrorExceededConnectionCount',
          'You have exceeded the available concurrent connections for your account. Try again once your other requests have completed.',
        ),
      );
    }
    accepted({
      release: streams.open(ctx.actor.address),
      actor: ctx.actor,
      subscriptions: found,
      timeoutMinutes: Number(childText(request, 'ConnectionTimeout') ?? '30'),
    });
    return streamingMessage(status('OK'));
  };
}

export interface StreamDeps {
  readonly state: ExchangeState;
  readonly limits: ResolvedStreaming;
  /** Aborted when the server closes. */
  readonly closed: AbortSignal;
  /** Called with every envelope after the first, before it is sent (recording). */
  readonly onPart: (xml: string) => Promise<void>;
  /** Where the stream's test controls are registered while it is open. */
  readonly streams?: OpenStreams;
}

/**
 * Keeps a GetStreamingEvents response open (the first envelope is already written): one envelope per
 * batch of notifications, keep-alives, and a last one with ConnectionStatus Closed when the
 * ConnectionTimeout elapses or every subscription on it is ended.
 */
export function runEventStream(deps: StreamDeps, res: ServerResponse, request: StreamRequest): void {
  const { state } = deps;
  const live = new Set(request.subscriptions);
  const { release } = request;
  const unlisten: (() => void)[] = [];
  let flushing = false;
  let finished = false;
  let stalled = false;
  let duplicateNext = false;

  // Envelopes go out in order, each once it is recorded, so a recording is complete when the client has it.
  let queue = Promise.resolve();
  const send = (xml: string, last: boolean) => {
    queue = queue
      .then(() => deps.onPart(xml))
      .then(() => {
        if (last) res.end(xml);
        else if (!res.writableEnded && !res.destroyed) res.write(xml);
      })
      // A response that cannot be written any more is a connection the client lost.
      .catch(() => {
        res.destroy();
      });
  };
  const write = (xml: string) => send(xml, false);
  const cleanup = () => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    clearTimeout(timeout);
    deps.closed.removeEventListener('abort', cleanup);
    unregister();
    for (const stop of unlisten) stop();
    // Exchange keeps a subscription alive for a while after its connection ends.
    for (const subscription of live) subscription.lastUsed = state.now();
    release();
  };
  const end = () => {
    if (finished) return;
    flush();
    cleanup();
    send(renderEnvelope(state.serverVersion, streamingMessage(status('Closed'))), true);
  };
  function flush(): void {
    flushing = false;
    if (finished || stalled) return;
    const notifications = [...live]
      .filter((s) => s.journal.length > 0)
      .map((subscription) => {
        const previous = encodeWatermark(subscription, subscription.acknowledged);
        const events = subscription.journal.map((event) => renderEvent(subscription, event));
        state.subscriptions.acknowledge(subscription, subscription.head);
        return el(
          't:Notification',
          null,
          textEl('t:SubscriptionId', subscription.id),
          textEl('t:PreviousWatermark', previous),
          textEl('t:MoreEvents', false),
          events,
        );
      });
    if (notifications.length === 0) return;
    const xml = renderEnvelope(
      state.serverVersion,
      streamingMessage(el('m:Notifications', null, notifications)),
    );
    write(xml);
    if (duplicateNext) write(xml);
    duplicateNext = false;
  }
  // Batch: every subscription changed by one request goes into one envelope.
  const schedule = () => {
    if (flushing || finished) return;
    flushing = true;
    setImmediate(flush);
  };
  const listener: SubscriptionListener = {
    events: schedule,
    ended: (subscription) => {
      live.delete(subscription);
      if (live.size === 0) end();
    },
  };
  for (const subscription of live) unlisten.push(state.subscriptions.listen(subscription.id, listener));
  const keepAlive = setInterval(() => {
    if (!flushing && !stalled) write(renderEnvelope(state.serverVersion, streamingMessage(status('OK'))));
  }, deps.limits.keepAliveMs);
  const timeout = setTimeout(end, request.timeoutMinutes * deps.limits.minuteMs);
  const unregister =
    deps.streams?.register({
      drop(loseInFlight) {
        if (finished) return;
        if (loseInFlight) {
          for (const subscription of live) state.subscriptions.acknowledge(subscription, subscription.head);
        }
        cleanup();
        res.destroy();
      },
      end: () => {
        stalled = false;
        end();
      },
      duplicateNextBatch() {
        duplicateNext = true;
      },
      stall() {
        stalled = true;
        clearTimeout(timeout);
      },
    }) ?? (() => {});
  res.once('close', cleanup);
  // The client may already be gone (no 'close' event will come then).
  if (res.destroyed) cleanup();
  deps.closed.addEventListener('abort', cleanup, { once: true });
  // Events queued while no connection was open go out at once.
  schedule();
}
