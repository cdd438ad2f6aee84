import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { classifyResponseCode, isResponseCode } from '../../src/errors/response-code-classes.js';
import { RESPONSE_CODES, type ResponseCode } from '../../src/errors/response-codes.generated.js';

const schemaPath = fileURLToPath(
  new URL('../../../../tools/ews-schema/schema/messages.xsd', import.meta.url),
);
const scriptPath = fileURLToPath(new URL('../../scripts/generate-response-codes.mjs', import.meta.url));

/** Re-derives m:ResponseCodeType's values from the schema, independently of the generator. */
function codesFromSchema(): string[] {
  const xsd = readFileSync(schemaPath, 'utf8');
  const block = /<xs:simpleType name="ResponseCodeType">([\s\S]*?)<\/xs:simpleType>/.exec(xsd)?.[1] ?? '';
  return [...block.matchAll(/<xs:enumeration\s+value="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('RESPONSE_CODES', () => {
  it('lists every value of m:ResponseCodeType in messages.xsd, in schema order', () => {
    const fromSchema = codesFromSchema();
    expect(fromSchema).toHaveLength(529);
    expect([...RESPONSE_CODES]).toEqual(fromSchema);
  });

  it('is what the generator script writes today', () => {
    const output = execFileSync(process.execPath, [scriptPath, '--check'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(output).toMatch(/up to date \(529 codes\)/);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RESPONSE_CODES)).toBe(true);
    expect(() => (RESPONSE_CODES as unknown as string[]).push('ErrorMadeUp')).toThrow(TypeError);
  });

  it('types a ResponseCode so that a typo does not compile', () => {
    const good: ResponseCode = 'ErrorItemNotFound';
    // @ts-expect-error: not a ResponseCode
    const typo: ResponseCode = 'ErrorItemNotFund';
    expect(isResponseCode(good)).toBe(true);
    expect(isResponseCode(typo)).toBe(false);
  });
});

describe('classifyResponseCode', () => {
  it.each([
    ['NoError', 'success'],
    ['ErrorServerBusy', 'throttling'],
    ['ErrorTooManyObjectsOpened', 'throttling'],
    ['ErrorExceededConnectionCount', 'throttling'],
    ['ErrorInternalServerTransientError', 'throttling'],
    ['ErrorMailboxStoreUnavailable', 'throttling'],
    ['ErrorBatchProcessingStopped', 'retry-safe'],
    ['ErrorADUnavailable', 'retry-safe'],
    ['ErrorTimeoutExpired', 'transient'],
    ['ErrorAccessDenied', 'auth'],
    ['ErrorImpersonateUserDenied', 'auth'],
    ['ErrorImpersonationDenied', 'auth'],
    ['ErrorItemNotFound', 'not-found'],
    ['ErrorFolderNotFound', 'not-found'],
    ['ErrorNonExistentMailbox', 'not-found'],
    ['ErrorInvalidServerVersion', 'version'],
    ['ErrorIncorrectSchemaVersion', 'version'],
    ['ErrorInvalidSchemaVersionForMailboxVersion', 'version'],
    ['ErrorInvalidRestriction', 'permanent'],
    ['ErrorSchemaValidation', 'permanent'],
    ['ErrorQuotaExceeded', 'permanent'],
  ] as const)('%s is %s', (code, expected) => {
    expect(classifyResponseCode(code)).toBe(expected);
  });

  it('treats unknown and future codes, and Object.prototype names, as permanent', () => {
    for (const code of ['ErrorFromTheFuture', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(classifyResponseCode(code)).toBe('permanent');
    }
  });

  it('knows the codes exchangelib has that this schema does not list', () => {
    const catalog = loadVectors('catalog-errors') as { response_codes: string[] };
    const unlisted = catalog.response_codes.filter((code) => !isResponseCode(code));
    expect(unlisted).toContain('ErrorConnectionFailedTransientError');
    expect(classifyResponseCode('ErrorConnectionFailedTransientError')).toBe('retry-safe');
  });

  it('classifies every code exchangelib knows and every code in the schema into a known class', () => {
    const catalog = loadVectors('catalog-errors') as { response_codes: string[] };
    const classes = new Set([
      'success',
      'throttling',
      'retry-safe',
      'transient',
      'auth',
      'not-found',
      'version',
      'permanent',
    ]);
    const all = [...RESPONSE_CODES, ...catalog.response_codes];
    expect(all.length).toBeGreaterThan(529 + 300);
    for (const code of all) expect(classes.has(classifyResponseCode(code))).toBe(true);
    // Only NoError is a success; Error* codes never are.
    expect(RESPONSE_CODES.filter((code) => classifyResponseCode(code) === 'success')).toEqual(['NoError']);
  });
});
