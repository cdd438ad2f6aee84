import type { DirectoryMailbox } from '../directory/directory.js';
import type { OperationContext, OperationHandler } from '../operations/operation-context.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { child, descend, parseXml, type XmlElement, XmlParseError } from '../xml/xml-tree.js';
import { renderEnvelope } from './envelope.js';
import { EWS_OPERATIONS } from './ews-operations.js';
import { renderFault, SoapFault } from './soap-fault.js';

export interface SoapReply {
  readonly status: number;
  readonly body: string;
  /** HTTP headers the operation set (GetUserPhoto's ETag). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The operation name, when the body could be read. */
  readonly operation: string | undefined;
}

// Exchange assumes the oldest version when the header is missing.
const DEFAULT_REQUEST_VERSION = 'Exchange2007_SP1';

function impersonatedAccount(state: ExchangeState, caller: DirectoryMailbox, header: XmlElement | undefined) {
  const sid = descend(header, 'ExchangeImpersonation', 'ConnectingSID');
  if (sid === undefined) return caller;
  const address = ['PrimarySmtpAddress', 'SmtpAddress', 'PrincipalName']
    .map((name) => child(sid, name)?.text.trim())
    .find((value) => value !== undefined && value !== '');
  if (address === undefined) {
    throw new SoapFault(
      'ErrorInvalidExchangeImpersonationHeaderData',
      'The impersonation header has no user.',
    );
  }
  if (!caller.canImpersonate) {
    throw new SoapFault(
      'ErrorImpersonateUserDenied',
      'The account does not have permission to impersonate the requested user.',
    );
  }
  const target = state.mailbox(address);
  if (target === undefined) {
    throw new SoapFault(
      'ErrorNonExistentMailbox',
      `The SMTP address has no mailbox associated with it: ${address}.`,
    );
  }
  return target;
}

/**
 * A Body element that names no EWS operation: Exchange finds nothing to dispatch it to and answers
 * ErrorInvalidRequest ("the request is invalid"), not a schema fault; elements that break the schema
 * inside a known operation stay ErrorSchemaValidation.
 */
export function unknownOperationFault(operation: string): SoapFault {
  return new SoapFault(
    'ErrorInvalidRequest',
    `The request is invalid: '${operation}' is not an EWS operation.`,
  );
}

/** One SOAP request in, one envelope (or fault) out. Never throws for bad input. */
export function handleSoap(
  state: ExchangeState,
  caller: DirectoryMailbox,
  xml: string,
  operations: Readonly<Record<string, OperationHandler>>,
  reportInternalError: (error: unknown) => void,
  http?: { readonly ifNoneMatch: string | undefined },
): SoapReply {
  let operation: string | undefined;
  try {
    let envelope: XmlElement;
    try {
      envelope = parseXml(xml);
    } catch (error) {
      if (error instanceof XmlParseError) {
        throw new SoapFault(
          'ErrorSchemaValidation',
          `The request failed schema validation: ${error.message}`,
        );
      }
      throw error;
    }
    const body = child(envelope, 'Body');
    if (envelope.name !== 'Envelope' || body === undefined) {
      throw new SoapFault(
        'ErrorSchemaValidation',
        'The request failed schema validation: not a SOAP envelope.',
      );
    }
    const header = child(envelope, 'Header');
    const requestVersion = child(header, 'RequestServerVersion')?.attrs.Version ?? DEFAULT_REQUEST_VERSION;
    if (!state.serverVersion.acceptedRequestVersions.includes(requestVersion)) {
      throw new SoapFault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
    }
    const request = body.children[0];
    if (request === undefined || body.children.length !== 1) {
      throw new SoapFault(
        'ErrorSchemaValidation',
        'The request failed schema validation: Body must hold one operation.',
      );
    }
    operation = request.name;
    const handler = operations[operation];
    if (handler === undefined) {
      if (EWS_OPERATIONS.has(operation)) {
        throw new SoapFault(
          'ErrorInvalidRequest',
          `The request is invalid: ${operation} is not supported by this server.`,
        );
      }
      throw unknownOperationFault(operation);
    }
    const ctx: OperationContext = {
      state,
      caller,
      actor: impersonatedAccount(state, caller, header),
      requestVersion,
      now: state.now(),
      ...(http === undefined ? {} : { http: { ifNoneMatch: http.ifNoneMatch, replyHeaders: {} } }),
    };
    const answer = renderEnvelope(state.serverVersion, handler(ctx, request));
    const headers = ctx.http?.replyHeaders;
    // An HTTP-level answer (304 Not Modified, 404 no photo) has no envelope.
    const status = ctx.http?.replyStatus;
    if (status !== undefined) return { status, body: '', operation, ...(headers ? { headers } : {}) };
    return { status: 200, body: answer, operation, ...(headers ? { headers } : {}) };
  } catch (error) {
    if (!(error instanceof SoapFault)) reportInternalError(error);
    const fault =
      error instanceof SoapFault
        ? error
        : new SoapFault('ErrorInternalServerError', 'An internal server error occurred.', 'Server');
    return { status: 500, body: renderFault(fault), operation };
  }
}
