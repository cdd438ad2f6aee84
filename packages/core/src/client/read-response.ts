import { errorForResponse } from '../errors/classify-http-response.js';
import type { EwsError } from '../errors/ews-error.js';
import { classifyResponseCode } from '../errors/response-code-classes.js';
import { responseCodeOf } from '../errors/response-error.js';
import type { EwsHttpResponse } from '../pipeline/http.js';
import { decodeSoapResponse, type ResponseMessage } from '../soap/response.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import type { ServerVersion } from '../versions/server-version.js';
import { versionFromServerVersionInfo } from '../versions/server-version.js';
import type { XmlNode } from '../xml/parse.js';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from '../xml/reader-limits.js';
import { readerLimitError } from '../xml/xml-limit-error.js';

/** A decoded EWS answer. Error ResponseMessages are data here: bulk calls keep partial success. */
export interface EwsResponse {
  readonly operation: string;
  readonly status: number;
  /** The HTTP answer's headers, lower-case names (GetUserPhoto reads its `etag`). */
  readonly headers?: Readonly<Record<string, string | readonly string[]>> | undefined;
  readonly serverVersion: ServerVersion | undefined;
  /** One per item/folder asked about, in request order. */
  readonly messages: readonly ResponseMessage[];
  /** The `<m:{Operation}Response>` element, for operation-specific readers. */
  readonly node: XmlNode;
}

export type ResponseOutcome =
  | { readonly kind: 'ok'; readonly response: EwsResponse; readonly serverVersion: ServerVersion | undefined }
  | {
      readonly kind: 'error';
      readonly error: EwsError;
      /** The server refused the RequestServerVersion we sent: try an older one. */
      readonly versionRejected: boolean;
      readonly serverVersion: ServerVersion | undefined;
    };

export interface ReadEwsResponseOptions {
  /** The reader's bounds (the client's `readerLimits`). */
  readonly limits?: ReaderLimits | undefined;
  /** The answer element of an operation outside services.wsdl (see EwsRequest.responseElement). */
  readonly responseElement?: string | undefined;
}

export function readEwsResponse(
  response: EwsHttpResponse,
  operation: string,
  requestedVersion: ExchangeVersion,
  options: ReadEwsResponseOptions = {},
): ResponseOutcome {
  const limits = options.limits ?? DEFAULT_READER_LIMITS;
  // The transport stops at maxResponseBytes; this also covers a Transport of the caller's own
  // (a body of more characters than the limit's bytes has at least as many bytes).
  if (response.body.length > limits.maxResponseBytes) {
    throw readerLimitError('maxResponseBytes', limits, operation);
  }
  const error = errorForResponse(response, operation);
  if (error) {
    const code = responseCodeOf(error);
    return {
      kind: 'error',
      error,
      versionRejected: code !== undefined && classifyResponseCode(code) === 'version',
      serverVersion: undefined,
    };
  }
  const decoded = decodeSoapResponse(response.body, operation, {
    limits,
    responseElement: options.responseElement,
  });
  const serverVersion = decoded.serverVersion
    ? versionFromServerVersionInfo(decoded.serverVersion, requestedVersion)
    : undefined;
  return {
    kind: 'ok',
    serverVersion,
    response: {
      operation,
      status: response.status,
      headers: response.headers,
      serverVersion,
      messages: decoded.messages,
      node: decoded.responseNode,
    },
  };
}
