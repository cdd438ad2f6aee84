import { describe, expect, it } from 'vitest';
import { EwsInvalidArgumentError, optionOrAlias } from '../../src/index.js';

describe('optionOrAlias', () => {
  it('takes whichever spelling was given, and the same value under both', () => {
    expect(optionOrAlias('retry', 3, 'retryPolicy', undefined)).toBe(3);
    expect(optionOrAlias('retry', undefined, 'retryPolicy', 4)).toBe(4);
    expect(optionOrAlias('retry', 5, 'retryPolicy', 5)).toBe(5);
    expect(optionOrAlias('retry', undefined, 'retryPolicy', undefined)).toBeUndefined();
  });

  it('refuses both spellings with different values, naming both', () => {
    expect(() => optionOrAlias('connections', 4, 'maxConnections', 8)).toThrow(EwsInvalidArgumentError);
    expect(() => optionOrAlias('connections', 4, 'maxConnections', 8)).toThrow(
      'give connections or maxConnections (its deprecated spelling), not both with different values',
    );
    expect(() => optionOrAlias('n', 0, 'm', -0)).toThrow(EwsInvalidArgumentError);
  });
});
