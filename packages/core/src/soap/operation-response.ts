import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { OPERATION_RESPONSE_ELEMENTS } from './operation-responses.generated.js';

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/;

/**
 * The element an answer to `operation` must hold in its SOAP Body (in the EWS messages
 * namespace): from OPERATION_RESPONSE_ELEMENTS, generated from services.wsdl, so an irregular
 * one (GetPersona → `GetPersonaResponseMessage`) is never guessed as `{Operation}Response`. An
 * operation outside the WSDL is refused (EWS_INVALID_ARGUMENT) unless the caller names its answer
 * element (`responseElement`): a guessed name would refuse a right answer or accept a wrong one.
 */
export function responseElementFor(operation: string, responseElement?: string): string {
  if (responseElement !== undefined) {
    if (typeof responseElement !== 'string' || !ELEMENT_NAME.test(responseElement)) {
      throw new EwsInvalidArgumentError('responseElement must be the local name of an element', {
        operation,
      });
    }
    return responseElement;
  }
  if (typeof operation === 'string' && Object.hasOwn(OPERATION_RESPONSE_ELEMENTS, operation)) {
    return OPERATION_RESPONSE_ELEMENTS[operation as keyof typeof OPERATION_RESPONSE_ELEMENTS];
  }
  throw new EwsInvalidArgumentError(
    `${String(operation).slice(0, 100)} is not an operation of services.wsdl: pass responseElement (the local name of ` +
      "its answer's element in the EWS messages namespace) to send it",
    { operation: typeof operation === 'string' ? operation.slice(0, 100) : undefined },
  );
}
