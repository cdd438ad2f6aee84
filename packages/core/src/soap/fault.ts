import { EwsProtocolError } from '../errors/error-classes.js';
import type { RequestFate } from '../errors/ews-error.js';
import {
  classifyResponseCode,
  isResponseCode,
  type ResponseCodeClass,
} from '../errors/response-code-classes.js';
import type { ResponseCode } from '../errors/response-codes.generated.js';
import { type AnyResponseCode, EwsSoapFaultError, type MessageXml } from '../errors/response-error.js';
import { child, childText, type XmlNode } from '../xml/parse.js';
import { describeElement, localNameOf } from './describe-element.js';
import { formatMessageXml, readMessageXml } from './response-message-xml.js';
import { boundedServerText, MAX_SERVER_NAME_LENGTH } from './server-text.js';

/**
 * A decoded `soap:Fault`. Missing parts are empty strings / undefined, never a crash. Every text
 * is the server's, bounded (MAX_SERVER_TEXT_LENGTH characters, codes MAX_SERVER_NAME_LENGTH) with
 * a visible `…(N more characters)`.
 */
export interface SoapFault {
  /** `faultcode` as sent (trimmed), e.g. `a:ErrorServerBusy` or `s:Client`. */
  readonly faultCode: string;
  readonly faultString: string;
  readonly faultActor: string | undefined;
  /**
   * The ResponseCode the fault is about: `detail/ResponseCode` when it is a known code, else
   * `faultcode` when that names a known code, else `detail/ResponseCode` as sent (exchangelib's order).
   */
  readonly responseCode: AnyResponseCode | undefined;
  /** `detail/Message`. */
  readonly message: string | undefined;
  /** `detail/MessageXml`, e.g. `{ BackOffMilliseconds: '297749' }`. */
  readonly messageXml: MessageXml | undefined;
  readonly node: XmlNode;
}

/** The children SOAP 1.1 gives a Fault, all unqualified (in no namespace). */
const FAULT_PARTS: ReadonlySet<string> = new Set(['faultcode', 'faultstring', 'faultactor', 'detail']);

/**
 * Reads a `soap:Fault` element (any prefix, with or without `detail`). Its `faultcode`,
 * `faultstring`, `faultactor` and `detail` are unqualified (in no namespace), as SOAP 1.1 says and
 * Exchange writes them; the detail's `ResponseCode` and `Message` are EWS's errors namespace. A
 * Fault holding anything else (a `faultcode` moved to some namespace, where it would read as
 * absent) is refused with EWS_PROTOCOL.
 */
export function decodeSoapFault(node: XmlNode, operation?: string): SoapFault {
  for (const part of node.children) {
    if (part.namespace !== '' || !FAULT_PARTS.has(localNameOf(part))) {
      throw new EwsProtocolError(
        `A SOAP Fault holds only unqualified faultcode, faultstring, faultactor and detail, got ${describeElement(part)}`,
        { operation },
      );
    }
  }
  const faultCode = bounded(unqualifiedText(node, 'faultcode'), MAX_SERVER_NAME_LENGTH) ?? '';
  const detail = unqualifiedChild(node, 'detail');
  const detailCode = bounded(childText(detail, 'ResponseCode'), MAX_SERVER_NAME_LENGTH) || undefined;
  // `a:ErrorServerBusy` → `ErrorServerBusy`.
  const faultCodeName = faultCode.slice(faultCode.lastIndexOf(':') + 1);
  let responseCode: AnyResponseCode | undefined = detailCode;
  if (detailCode === undefined || !isResponseCode(detailCode)) {
    if (isResponseCode(faultCodeName)) responseCode = faultCodeName;
  }
  return {
    faultCode,
    faultString: bounded(unqualifiedText(node, 'faultstring')) ?? '',
    faultActor: bounded(unqualifiedText(node, 'faultactor')) || undefined,
    responseCode,
    message: bounded(childText(detail, 'Message')) || undefined,
    messageXml: readMessageXml(child(detail, 'MessageXml')),
    node,
  };
}

/** The first child in no namespace with local name `local` (read with any namespace set). */
function unqualifiedChild(node: XmlNode | undefined, local: string): XmlNode | undefined {
  return node?.children.find((candidate) => candidate.namespace === '' && localNameOf(candidate) === local);
}

function unqualifiedText(node: XmlNode, local: string): string | undefined {
  return unqualifiedChild(node, local)?.text;
}

/** Trimmed and bounded; undefined stays undefined. */
function bounded(text: string | undefined, max?: number): string | undefined {
  return text === undefined ? undefined : boundedServerText(text.trim(), max);
}

/**
 * The typed error for a fault. Its message keeps every part a person needs to act on it:
 * the code, the fault string, the detail message and the MessageXml details.
 */
export function soapFaultError(fault: SoapFault, operation?: string): EwsSoapFaultError {
  const parts = [fault.responseCode ?? (fault.faultCode || 'unknown code'), fault.faultString];
  if (
    fault.responseCode !== undefined &&
    fault.faultCode !== '' &&
    !fault.faultCode.endsWith(fault.responseCode)
  ) {
    parts.push(`faultcode ${fault.faultCode}`);
  }
  if (fault.message !== undefined && fault.message !== fault.faultString) parts.push(fault.message);
  const text = parts.filter((part) => part !== '').join(': ');
  return new EwsSoapFaultError(`SOAP fault ${text}${formatMessageXml(fault.messageXml)}`, {
    operation,
    requestFate: faultFate(fault.responseCode),
    faultCode: fault.faultCode,
    faultString: fault.faultString,
    responseCode: fault.responseCode,
    messageXml: fault.messageXml,
  });
}

// Faults of these classes are answered before the request runs.
const NOT_EXECUTED_CLASSES: readonly ResponseCodeClass[] = ['throttling', 'retry-safe', 'version', 'auth'];
// An invalid request is rejected while it is read.
const NOT_EXECUTED_CODES: readonly ResponseCode[] = ['ErrorSchemaValidation', 'ErrorInvalidRequest'];

/** Whether the server ran the request, as far as the fault tells. */
function faultFate(responseCode: AnyResponseCode | undefined): RequestFate {
  if (responseCode === undefined) return 'unknown';
  if ((NOT_EXECUTED_CODES as readonly string[]).includes(responseCode)) return 'not-executed';
  return NOT_EXECUTED_CLASSES.includes(classifyResponseCode(responseCode)) ? 'not-executed' : 'unknown';
}
