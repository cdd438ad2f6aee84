import { EwsError, type EwsErrorOptions } from './ews-error.js';
import type { ResponseCode } from './response-codes.generated.js';

/** A ResponseCode from the schema, or one this version does not know yet (kept as sent). */
export type AnyResponseCode = ResponseCode | (string & {});

/** `t:MessageXml` details by name, e.g. `{ BackOffMilliseconds: '297749' }`. */
export type MessageXml = Readonly<Record<string, string>>;

export interface EwsResponseErrorOptions extends EwsErrorOptions {
  readonly responseCode: AnyResponseCode;
  readonly responseClass?: 'Error' | 'Warning' | undefined;
  readonly messageText?: string | undefined;
  readonly descriptiveLinkKey?: number | undefined;
  readonly messageXml?: MessageXml | undefined;
  /** Position of the failed message in a batch (0-based). */
  readonly index?: number | undefined;
}

/** A ResponseMessage with ResponseClass="Error" (or a Warning the caller chose to raise). */
export class EwsResponseError extends EwsError {
  readonly responseCode: AnyResponseCode;
  readonly responseClass: 'Error' | 'Warning';
  readonly messageText: string;
  readonly descriptiveLinkKey: number | undefined;
  readonly messageXml: MessageXml | undefined;
  readonly index: number | undefined;

  constructor(message: string, options: EwsResponseErrorOptions) {
    super('EWS_RESPONSE', message, { requestFate: 'executed', ...options });
    this.responseCode = options.responseCode;
    this.responseClass = options.responseClass ?? 'Error';
    this.messageText = options.messageText ?? '';
    this.descriptiveLinkKey = options.descriptiveLinkKey;
    this.messageXml = options.messageXml;
    this.index = options.index;
  }

  /** The wait the server asked for (MessageXml `BackOffMilliseconds`), if any. */
  get backOffMs(): number | undefined {
    return backOffMsOf(this.messageXml);
  }
}

export interface EwsSoapFaultErrorOptions extends EwsErrorOptions {
  readonly faultCode: string;
  readonly faultString: string;
  readonly responseCode?: AnyResponseCode | undefined;
  readonly messageXml?: MessageXml | undefined;
}

/** The server answered with a SOAP fault (the whole request failed). */
export class EwsSoapFaultError extends EwsError {
  /** As sent, e.g. `a:ErrorServerBusy` or `s:Client`. */
  readonly faultCode: string;
  readonly faultString: string;
  /** From the fault's detail (or a faultcode that names a ResponseCode). */
  readonly responseCode: AnyResponseCode | undefined;
  readonly messageXml: MessageXml | undefined;

  constructor(message: string, options: EwsSoapFaultErrorOptions) {
    super('EWS_SOAP_FAULT', message, options);
    this.faultCode = options.faultCode;
    this.faultString = options.faultString;
    this.responseCode = options.responseCode;
    this.messageXml = options.messageXml;
  }

  /** The wait the server asked for (MessageXml `BackOffMilliseconds`), if any. */
  get backOffMs(): number | undefined {
    return backOffMsOf(this.messageXml);
  }
}

/** An error that carries an EWS ResponseCode. */
export type EwsCodedError = EwsResponseError | EwsSoapFaultError;

/**
 * True for a response error or SOAP fault (from any installed copy of @ews/core); with a code,
 * only when it carries that ResponseCode. A misspelt code does not compile.
 *
 * @example if (isResponseError(err, 'ErrorItemNotFound')) return undefined;
 */
export function isResponseError(error: unknown): error is EwsCodedError;
export function isResponseError<C extends ResponseCode>(
  error: unknown,
  code: C,
): error is EwsCodedError & { readonly responseCode: C };
export function isResponseError(error: unknown, code?: ResponseCode): boolean {
  if (!isCoded(error)) return false;
  return code === undefined || error.responseCode === code;
}

/** True when the error carries one of `codes`. */
export function hasResponseCode<C extends ResponseCode>(
  error: unknown,
  ...codes: readonly C[]
): error is EwsCodedError & { readonly responseCode: C } {
  if (!isCoded(error) || error.responseCode === undefined) return false;
  return (codes as readonly string[]).includes(error.responseCode);
}

/** The ResponseCode an error carries, or undefined for errors without one. */
export function responseCodeOf(error: unknown): AnyResponseCode | undefined {
  return isCoded(error) ? error.responseCode : undefined;
}

/** Reads `BackOffMilliseconds` as a non-negative whole number of milliseconds. */
export function backOffMsOf(messageXml: MessageXml | undefined): number | undefined {
  const raw = messageXml?.BackOffMilliseconds;
  if (raw === undefined || !/^\s*\d{1,12}\s*$/.test(raw)) return undefined;
  return Number(raw);
}

function isCoded(error: unknown): error is EwsCodedError {
  // By code, not instanceof: errors from another installed copy of @ews/core count too.
  return EwsError.isInstance(error) && (error.code === 'EWS_RESPONSE' || error.code === 'EWS_SOAP_FAULT');
}
