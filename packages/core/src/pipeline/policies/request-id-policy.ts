import { randomUUID } from 'node:crypto';
import { type EwsHttpRequest, withHeaders } from '../http.js';
import type { Policy } from '../policy.js';

export const REQUEST_ID_POLICY_NAME = 'requestId';

export interface RequestIdPolicyOptions {
  /** Makes the id; a random UUID unless a test injects one. */
  readonly generate?: (() => string) | undefined;
}

/**
 * Tags each call with `client-request-id` (a UUID) and asks Exchange to echo it
 * (`return-client-request-id: true`), so a call can be found in server logs and in
 * Microsoft support cases. It sits outside retry: all attempts of one call share the id.
 * An id the caller set on the request is kept.
 */
export function requestIdPolicy(options: RequestIdPolicyOptions = {}): Policy {
  const generate = options.generate ?? randomUUID;
  return {
    name: REQUEST_ID_POLICY_NAME,
    send(request: EwsHttpRequest, next) {
      return next(
        withHeaders(request, {
          'client-request-id': request.headers['client-request-id'] ?? generate(),
          'return-client-request-id': 'true',
        }),
      );
    },
  };
}
