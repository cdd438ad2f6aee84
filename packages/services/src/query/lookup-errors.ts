import { EwsError, type EwsErrorOptions } from '@ews/core';

/** exchangelib's DoesNotExist: a lookup that needs exactly one result (`get()`, a folder path) found none. */
export class EwsDoesNotExistError extends EwsError {
  constructor(message: string, options: EwsErrorOptions = {}) {
    super('EWS_DOES_NOT_EXIST', message, options);
  }
}

/** exchangelib's MultipleObjectsReturned: a lookup that needs exactly one result found several. */
export class EwsMultipleObjectsError extends EwsError {
  constructor(message: string, options: EwsErrorOptions = {}) {
    super('EWS_MULTIPLE_OBJECTS', message, options);
  }
}
