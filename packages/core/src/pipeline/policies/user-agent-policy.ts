import { EwsInvalidArgumentError } from '../../errors/error-classes.js';
import { type EwsHttpRequest, withHeaders } from '../http.js';
import type { Policy } from '../policy.js';

export const USER_AGENT_POLICY_NAME = 'userAgent';

/**
 * Sends `User-Agent` on every request (Exchange admins see it in IIS and throttling
 * logs). A value the caller set on the request wins.
 */
export function userAgentPolicy(userAgent: string): Policy {
  // A header value with a line break would let it inject headers.
  if (userAgent.length === 0 || /[\r\n]/.test(userAgent)) {
    throw new EwsInvalidArgumentError('userAgent must be a non-empty single line');
  }
  return {
    name: USER_AGENT_POLICY_NAME,
    send(request: EwsHttpRequest, next) {
      if (request.headers['user-agent'] !== undefined) return next(request);
      return next(withHeaders(request, { 'user-agent': userAgent }));
    },
  };
}
