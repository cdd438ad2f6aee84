import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { isResponseCode } from '../../src/errors/response-code-classes.js';
import { responseCodeOf } from '../../src/errors/response-error.js';
import { soapFaultError } from '../../src/soap/fault.js';
import { type DecodedSoapResponse, decodeSoapResponse } from '../../src/soap/response.js';
import { responseMessageError } from '../../src/soap/response-message.js';

interface ErrorVector {
  readonly id: string;
  readonly parsed_as_service?: string;
  readonly response_xml?: string;
  readonly http?: { readonly status: number; readonly body?: string };
  readonly expected: {
    readonly error_class?: string;
    readonly message?: string;
    readonly message_contains?: readonly string[];
    readonly message_prefix?: string;
    readonly back_off?: number;
    readonly build?: string;
  };
}

const vectors = (loadVectors('response-errors') as { vectors: ErrorVector[] }).vectors;

/**
 * Where exchangelib's outcome belongs to another layer, what this decoder must do instead.
 * Every id here must exist in the vectors, so the list cannot rot silently.
 */
const OTHER_LAYER: Readonly<Record<string, (decoded: DecodedSoapResponse) => void>> = {
  // Checking that ResolveNames has a ResolutionSet is the ResolveNames reader's job.
  'success-missing-container': (decoded) => {
    expect(decoded.messages.map((m) => m.responseCode)).toEqual(['NoError']);
  },
  // Version guessing (versions/) turns "no header" into its own error; the decoder reports no version.
  'version-guess-no-header': (decoded) => {
    expect(decoded.serverVersion).toBeUndefined();
    expect(decoded.messages[0]?.responseCode).toBe('ErrorInvalidSmtpAddress');
  },
};

/** The operation a vector was answered for: `GetRoomLists`, or the name before a qualifier. */
function operationOf(vector: ErrorVector): string {
  if (vector.parsed_as_service) return vector.parsed_as_service.split(' ')[0] ?? '';
  // Version guessing posts ConvertId.
  return 'ConvertId';
}

/** The error a caller would see: the fault, else the first Error message. */
function firstError(decoded: DecodedSoapResponse, operation: string): EwsError | undefined {
  if (decoded.fault) return soapFaultError(decoded.fault, operation);
  const failed = decoded.messages.find((m) => m.responseClass === 'Error');
  return failed ? responseMessageError(failed, operation) : undefined;
}

function outcome(vector: ErrorVector): { decoded?: DecodedSoapResponse; error?: EwsError } {
  const xml = vector.response_xml ?? vector.http?.body ?? '';
  const operation = operationOf(vector);
  try {
    const decoded = decodeSoapResponse(xml, operation);
    const error = firstError(decoded, operation);
    return error ? { decoded, error } : { decoded };
  } catch (error) {
    if (!EwsError.isInstance(error)) throw error;
    return { error };
  }
}

/** Words of exchangelib's message; ours must contain each (formats differ, content must not). */
function words(message: string): string[] {
  return (message.match(/[A-Za-z0-9]{2,}/g) ?? []).map((word) => word.toLowerCase());
}

describe("exchangelib's response-errors vectors", () => {
  it('covers all 17 vectors, and every special case names a real vector', () => {
    expect(vectors).toHaveLength(17);
    const ids = new Set(vectors.map((v) => v.id));
    for (const id of Object.keys(OTHER_LAYER)) expect(ids.has(id)).toBe(true);
  });

  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', (id, vector) => {
    const { decoded, error } = outcome(vector);
    const { expected } = vector;
    const special = OTHER_LAYER[id];
    if (special) {
      expect(decoded).toBeDefined();
      special(decoded!);
      return;
    }

    if (expected.build !== undefined) {
      // Version guessing reads ServerVersionInfo even from an error answer.
      const info = decoded?.serverVersion;
      expect(
        [info?.MajorVersion, info?.MinorVersion, info?.MajorBuildNumber, info?.MinorBuildNumber].join('.'),
      ).toBe(expected.build);
      return;
    }

    expect(error).toBeDefined();
    const message = error?.message ?? '';
    const errorClass = expected.error_class ?? '';
    if (/autodiscover/i.test(vector.parsed_as_service ?? '')) {
      // Autodiscover answers are not EWS answers: @ews/autodiscover decodes them. GetUserSettings
      // is not an operation of services.wsdl, so the EWS decoder refuses to guess its answer
      // element; told one, it still refuses the answer (not in the EWS messages namespace).
      expect(error?.code).toBe('EWS_INVALID_ARGUMENT');
      expect(message).toMatch(/GetUserSettings is not an operation of services.wsdl/);
      const xml = vector.response_xml ?? '';
      const told = (() => {
        try {
          return decodeSoapResponse(xml, 'GetUserSettings', {
            responseElement: 'GetUserSettingsResponseMessage',
          });
        } catch (caught) {
          return caught;
        }
      })();
      expect(EwsError.isInstance(told) && told.code).toBe('EWS_PROTOCOL');
      expect((told as Error).message).toMatch(
        /Expected the answer element in the EWS messages namespace .*got <GetUserSettingsResponseMessage> in namespace http:\/\/schemas.microsoft.com\/exchange\/2010\/Autodiscover/,
      );
      return;
    }
    if (isResponseCode(errorClass)) {
      expect(responseCodeOf(error)).toBe(errorClass);
      expect(['EWS_RESPONSE', 'EWS_SOAP_FAULT']).toContain(error?.code);
      const lower = message.toLowerCase();
      for (const word of words(expected.message ?? '')) expect(lower).toContain(word);
    } else if (errorClass === 'SOAPError' && expected.message_prefix === undefined) {
      expect(error?.code).toBe('EWS_SOAP_FAULT');
    } else {
      // MalformedResponseError, "Bad SOAP response": not an EWS answer at all.
      expect(errorClass === 'MalformedResponseError' || expected.message_prefix === 'Bad SOAP response').toBe(
        true,
      );
      expect(error?.code).toBe('EWS_PROTOCOL');
    }
    for (const part of expected.message_contains ?? []) expect(message).toContain(part);
    if (expected.back_off !== undefined) {
      expect((error as { backOffMs?: number }).backOffMs).toBe(Math.round(expected.back_off * 1000));
    }
  });
});
