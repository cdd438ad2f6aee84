import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DirectoryMailbox } from '../directory/directory.js';
import type { OperationHandler } from '../operations/operation-context.js';
import { OPERATIONS } from '../operations/registry.js';
import { isEwsRequestElement } from '../soap/ews-operations.js';
import { handleSoap, type SoapReply, unknownOperationFault } from '../soap/handle-soap.js';
import type { RequestValidator } from '../soap/request-validator.js';
import { renderFault, SoapFault } from '../soap/soap-fault.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { collectSubscriptionEvents } from '../store/subscription-events.js';
import {
  type OpenStreams,
  runEventStream,
  type StreamRequest,
  streamingEventsHandler,
} from './event-stream.js';
import { type FaultInjector, type FaultPlan, sniffOperation } from './faults.js';
import { changeMessageCount } from './message-count-fault.js';
import type { Recorder } from './recorder.js';
import type { ResolvedStreaming } from './streaming-options.js';

export interface EwsEndpointDeps {
  readonly state: ExchangeState;
  readonly validator: RequestValidator | undefined;
  readonly recorder: Recorder | undefined;
  readonly faults: FaultInjector | undefined;
  readonly streaming: ResolvedStreaming;
  readonly streams: OpenStreams;
  /** Aborted when the server closes: cuts delays and validator runs short. */
  readonly closed: AbortSignal;
  readonly report: (error: unknown) => void;
  /** Told about every EWS request as it arrives (the `onRequest` option). */
  readonly onRequest?: ((request: { readonly operation: string | undefined }) => void) | undefined;
}

export function sendXml(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

function faultReply(fault: SoapFault, operation: string | undefined): SoapReply {
  return { status: 500, body: renderFault(fault), operation };
}

/** Schema check (when enabled), then the operation. */
async function answer(
  deps: EwsEndpointDeps,
  caller: DirectoryMailbox,
  body: string,
  operations: Readonly<Record<string, OperationHandler>> = OPERATIONS,
  http?: EwsHttpParts,
): Promise<SoapReply> {
  // An unknown operation is ErrorInvalidRequest whether or not requests are validated (see handleSoap).
  const sniffed = sniffOperation(body);
  if (sniffed !== undefined && !isEwsRequestElement(sniffed)) {
    return faultReply(unknownOperationFault(sniffed), undefined);
  }
  const violation = await deps.validator?.validate(body, deps.closed);
  if (violation === undefined) return handleSoap(deps.state, caller, body, operations, deps.report, http);
  const message = `The request failed schema validation: ${violation.text}`;
  return faultReply(new SoapFault('ErrorSchemaValidation', message, 'Client', violation), undefined);
}

/** The request headers an operation may read (GetUserPhoto: If-None-Match). */
export interface EwsHttpParts {
  readonly ifNoneMatch: string | undefined;
}

/** One EWS POST: concurrency limit, injected faults, validation, execution, recording. */
export async function serveEws(
  deps: EwsEndpointDeps,
  res: ServerResponse,
  caller: DirectoryMailbox,
  body: string,
  http?: EwsHttpParts,
): Promise<void> {
  const { faults } = deps;
  const operation = sniffOperation(body);
  deps.onRequest?.({ operation });
  if (faults !== undefined && !faults.enter(caller.address)) {
    const fault = new SoapFault(
      'ErrorExceededConnectionCount',
      'You have exceeded the available concurrent connections for your account. Try again once your other requests have completed.',
    );
    faults.applied({ kind: 'exceededConnectionCount', operation });
    sendXml(res, 500, renderFault(fault));
    return;
  }
  try {
    const plan = faults?.plan(operation);
    if (plan?.preempt !== undefined) faults?.applied({ kind: plan.preempt.kind, operation });
    if (plan?.preempt?.kind === 'resetBeforeExecute') {
      res.socket?.destroy();
      return;
    }
    if (plan?.preempt?.kind === 'http503') {
      sendXml(res, 503, '', { 'Retry-After': String(plan.preempt.retryAfterSeconds) });
      return;
    }
    if (plan?.preempt?.kind === 'serverBusy') {
      const text = 'The server cannot service this request right now. Try again later.';
      const fault = new SoapFault(
        'ErrorServerBusy',
        text,
        'Client',
        undefined,
        plan.preempt.backOffMilliseconds,
      );
      sendXml(res, 500, renderFault(fault));
      return;
    }
    if (plan !== undefined && plan.delayMs > 0) {
      faults?.applied({ kind: 'slow', operation });
      await sleep(plan.delayMs, undefined, { signal: deps.closed });
    }
    if (operation === 'GetStreamingEvents') {
      if (plan?.resetAfterExecute) faults?.applied({ kind: 'resetAfterExecute', operation });
      await openStream(deps, res, caller, body, plan?.resetAfterExecute === true);
      return;
    }
    const executed = await answer(deps, caller, body, OPERATIONS, http);
    // Subscriptions see what this request changed at once (streams get it before the reply is sent).
    collectSubscriptionEvents(deps.state);
    const resetAfter = plan?.resetAfterExecute === true;
    // Recorded as it goes out (count changed), or as it would have gone out (reset, never sent).
    const reply = resetAfter ? executed : withMessageCountFault(deps, plan, executed, operation);
    await deps.recorder?.record(reply.operation, body, reply.body);
    if (resetAfter) {
      faults?.applied({ kind: 'resetAfterExecute', operation });
      res.socket?.destroy();
      return;
    }
    sendXml(res, reply.status, reply.body, reply.headers === undefined ? {} : { ...reply.headers });
  } finally {
    faults?.leave(caller.address);
  }
}

/** The executed answer with one ResponseMessage dropped or duplicated, when the plan says so. */
function withMessageCountFault(
  deps: EwsEndpointDeps,
  plan: FaultPlan | undefined,
  reply: SoapReply,
  operation: string | undefined,
): SoapReply {
  const planned = plan?.wrongMessageCount;
  if (planned === undefined || reply.status !== 200) return reply;
  const changed = changeMessageCount(reply.body, planned);
  if (changed === undefined) return reply;
  deps.faults?.applied({ kind: 'wrongMessageCount', operation, change: changed.change });
  return { ...reply, body: changed.xml };
}

/**
 * GetStreamingEvents: the first envelope goes out at once with chunked transfer encoding, later
 * ones as events happen (see runEventStream). A refused request is answered like any other.
 */
async function openStream(
  deps: EwsEndpointDeps,
  res: ServerResponse,
  caller: DirectoryMailbox,
  body: string,
  resetAfterFirst: boolean,
): Promise<void> {
  const captured: { request?: StreamRequest } = {};
  const handler = streamingEventsHandler(deps.streams, deps.streaming, (request) => {
    captured.request = request;
  });
  const reply = await answer(deps, caller, body, { GetStreamingEvents: handler });
  const accepted = captured.request;
  const base = await deps.recorder?.record(reply.operation, body, reply.body);
  if (
    accepted === undefined ||
    reply.status !== 200 ||
    deps.closed.aborted ||
    resetAfterFirst ||
    res.destroyed
  ) {
    accepted?.release();
    if (resetAfterFirst) res.socket?.destroy();
    else sendXml(res, reply.status, reply.body);
    return;
  }
  // No Content-Length: Node sends the body chunked, one chunk per envelope.
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.write(reply.body);
  let part = 1;
  runEventStream(
    {
      state: deps.state,
      limits: deps.streaming,
      closed: deps.closed,
      streams: deps.streams,
      onPart: async (xml) => {
        const { recorder } = deps;
        if (recorder === undefined || base === undefined) return;
        part += 1;
        await recorder.recordPart(base, part, xml).catch(deps.report);
      },
    },
    res,
    accepted,
  );
}
