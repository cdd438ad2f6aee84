import { EwsError } from '../errors/ews-error.js';
import { maskError } from '../errors/mask-error.js';
import type { EwsHttpResponse } from '../pipeline/http.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import { type ReadEwsResponseOptions, type ResponseOutcome, readEwsResponse } from './read-response.js';

/**
 * readEwsResponse, with whatever error it throws masked by the response's `redact`: a decoder's
 * message may quote the answer, and the answer may echo what the request carried.
 */
export function readAnswer(
  response: EwsHttpResponse,
  operation: string,
  version: ExchangeVersion,
  options: ReadEwsResponseOptions = {},
): ResponseOutcome {
  try {
    return readEwsResponse(response, operation, version, options);
  } catch (error) {
    if (EwsError.isInstance(error) && response.redact) throw maskError(error, response.redact);
    throw error;
  }
}
