import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DirectoryMailbox } from '../directory/directory.js';
import { OPERATIONS } from '../operations/registry.js';
import { handleSoap, type SoapReply } from '../soap/handle-soap.js';
import type { RequestValidator } from '../soap/request-validator.js';
import { renderFault, SoapFault } from '../soap/soap-fault.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { type FaultInjector, sniffOperation } from './faults.js';
import type { Recorder } from './recorder.js';

export interface EwsEndpointDeps {
  readonly state: ExchangeState;
  readonly validator: RequestValidator | undefined;
  readonly recorder: Recorder | undefined;
  readonly faults: FaultInjector | undefined;
  /** Aborted when the server closes: cuts delays and validator runs short. */
  readonly closed: AbortSignal;
  readonly report: (error: unknown) => void;
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
async function answer(deps: EwsEndpointDeps, caller: DirectoryMailbox, body: string): Promise<SoapReply> {
  const violation = await deps.validator?.validate(body, deps.closed);
  if (violation === undefined) return handleSoap(deps.state, caller, body, OPERATIONS, deps.report);
  const message = `The request failed schema validation: ${violation.text}`;
  return faultReply(new SoapFault('ErrorSchemaValidation', message, 'Client', violation), undefined);
}

/** One EWS POST: concurrency limit, injected faults, validation, execution, recording. */
export async function serveEws(
  deps: EwsEndpointDeps,
  res: ServerResponse,
  caller: DirectoryMailbox,
  body: string,
): Promise<void> {
  const { faults } = deps;
  const operation = sniffOperation(body);
  if (faults !== undefined && !faults.enter(caller.address)) {
    const fault = new SoapFault(
      'ErrorExceededConnectionCount',
      'You have exceeded the available concurrent connections for your account. Try again once your other requests have completed.',
    );
    sendXml(res, 500, renderFault(fault));
    return;
  }
  try {
    const plan = faults?.plan(operation);
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
    if (plan !== undefined && plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: deps.closed });
    const reply = await answer(deps, caller, body);
    await deps.recorder?.record(reply.operation, body, reply.body);
    if (plan?.resetAfterExecute) {
      res.socket?.destroy();
      return;
    }
    sendXml(res, reply.status, reply.body);
  } finally {
    faults?.leave(caller.address);
  }
}
