import { describe, expect, expectTypeOf, it } from 'vitest';
import { EwsHttpError, EwsProtocolError } from '../../src/errors/error-classes.js';
import { EwsError } from '../../src/errors/ews-error.js';
import {
  backOffMsOf,
  EwsResponseError,
  EwsSoapFaultError,
  hasResponseCode,
  isResponseError,
  responseCodeOf,
} from '../../src/errors/response-error.js';

const notFound = new EwsResponseError('ErrorItemNotFound: The specified object was not found in the store.', {
  operation: 'GetItem',
  responseCode: 'ErrorItemNotFound',
  messageText: 'The specified object was not found in the store.',
  descriptiveLinkKey: 0,
  index: 1,
});

const busy = new EwsSoapFaultError('SOAP fault ErrorServerBusy', {
  operation: 'FindItem',
  requestFate: 'not-executed',
  faultCode: 'a:ErrorServerBusy',
  faultString: 'The server cannot service this request right now. Try again later.',
  responseCode: 'ErrorServerBusy',
  messageXml: { BackOffMilliseconds: '29774' },
});

describe('EwsResponseError and EwsSoapFaultError', () => {
  it('are EwsErrors with stable codes', () => {
    expect(EwsError.isInstance(notFound)).toBe(true);
    expect(EwsError.isInstance(busy)).toBe(true);
    expect(notFound).toBeInstanceOf(Error);
    expect(notFound.code).toBe('EWS_RESPONSE');
    expect(busy.code).toBe('EWS_SOAP_FAULT');
    expect(notFound.name).toBe('EwsResponseError');
    expect(busy.name).toBe('EwsSoapFaultError');
  });

  it('default to what a response error means: the server processed the request', () => {
    expect(notFound.requestFate).toBe('executed');
    expect(notFound.responseClass).toBe('Error');
    expect(notFound.index).toBe(1);
    expect(busy.requestFate).toBe('not-executed');
  });

  it('read BackOffMilliseconds', () => {
    expect(busy.backOffMs).toBe(29774);
    expect(notFound.backOffMs).toBeUndefined();
    expect(backOffMsOf({ BackOffMilliseconds: ' 5000 ' })).toBe(5000);
    expect(backOffMsOf({ BackOffMilliseconds: '-1' })).toBeUndefined();
    expect(backOffMsOf({ BackOffMilliseconds: '1e9' })).toBeUndefined();
    expect(backOffMsOf({})).toBeUndefined();
  });

  it('keeps codes this version does not know', () => {
    const future = new EwsResponseError('x', { responseCode: 'ErrorFromTheFuture' });
    expect(responseCodeOf(future)).toBe('ErrorFromTheFuture');
    expect(isResponseError(future)).toBe(true);
  });
});

describe('guards', () => {
  it('isResponseError matches by ResponseCode and narrows', () => {
    const caught: unknown = notFound;
    expect(isResponseError(caught, 'ErrorItemNotFound')).toBe(true);
    expect(isResponseError(caught, 'ErrorFolderNotFound')).toBe(false);
    expect(isResponseError(busy, 'ErrorServerBusy')).toBe(true);
    if (isResponseError(caught, 'ErrorItemNotFound')) {
      expectTypeOf(caught.responseCode).toEqualTypeOf<'ErrorItemNotFound'>();
    }
    // @ts-expect-error: a misspelt ResponseCode does not compile
    expect(isResponseError(caught, 'ErrorItemNotFund')).toBe(false);
  });

  it('isResponseError is false for other errors and non-errors', () => {
    for (const value of [
      new EwsHttpError('HTTP 404', 404),
      new EwsProtocolError('bad'),
      new Error('ErrorItemNotFound'),
      { code: 'EWS_RESPONSE', responseCode: 'ErrorItemNotFound' },
      'ErrorItemNotFound',
      undefined,
      null,
    ]) {
      expect(isResponseError(value)).toBe(false);
      expect(isResponseError(value, 'ErrorItemNotFound')).toBe(false);
      expect(responseCodeOf(value)).toBeUndefined();
    }
  });

  it('recognises errors from another installed copy of @ews/core (same marker, other class)', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      code: 'EWS_RESPONSE',
      responseCode: 'ErrorAccessDenied',
    });
    Object.defineProperty(foreign, Symbol.for('@ews/core.error'), { value: true });
    expect(foreign).not.toBeInstanceOf(EwsResponseError);
    expect(isResponseError(foreign, 'ErrorAccessDenied')).toBe(true);
    expect(hasResponseCode(foreign, 'ErrorItemNotFound', 'ErrorAccessDenied')).toBe(true);
  });

  it('hasResponseCode matches any of several codes', () => {
    expect(hasResponseCode(notFound, 'ErrorFolderNotFound', 'ErrorItemNotFound')).toBe(true);
    expect(hasResponseCode(notFound, 'ErrorFolderNotFound')).toBe(false);
    expect(hasResponseCode(notFound)).toBe(false);
    const faultWithoutCode = new EwsSoapFaultError('x', { faultCode: 's:Client', faultString: 'x' });
    expect(hasResponseCode(faultWithoutCode, 'ErrorServerBusy')).toBe(false);
    expect(responseCodeOf(faultWithoutCode)).toBeUndefined();
  });
});
