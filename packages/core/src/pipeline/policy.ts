import type { EwsHttpRequest, EwsHttpResponse } from './http.js';

/** Sends a request through the rest of the pipeline (ending at the transport). */
export type SendNext = (request: EwsHttpRequest) => Promise<EwsHttpResponse>;

/**
 * A named piece of cross-cutting behaviour. Policies run in the documented order
 * (see `DEFAULT_POLICY_ORDER` in policy-order.ts); each may change the request, call `next` zero or more
 * times, and inspect or replace the response.
 */
export interface Policy {
  readonly name: string;
  send(request: EwsHttpRequest, next: SendNext): Promise<EwsHttpResponse>;
}
