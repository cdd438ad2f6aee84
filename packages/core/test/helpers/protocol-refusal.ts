import { expect } from 'vitest';
import { EwsError } from '../../src/index.js';

/**
 * The message of the EWS_PROTOCOL error `run` throws; fails the test when it throws anything else
 * or nothing (the document was accepted).
 */
export function protocolRefusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(EwsError.isInstance(error) && error.code, String(error)).toBe('EWS_PROTOCOL');
    return (error as Error).message;
  }
  throw new Error('expected EWS_PROTOCOL, the document was accepted');
}
