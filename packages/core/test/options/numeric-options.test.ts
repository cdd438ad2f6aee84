import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectNumericProbe, numericInputsOf } from '../../../../tools/numeric-options.mjs';
import { createBearerAuth } from '../../src/auth/bearer.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { silentLogger } from '../../src/logging/logger.js';
import { NO_DEADLINE } from '../../src/options/deadline.js';
import {
  describeValue,
  integerInRange,
  MAX_TIMER_MS,
  nonNegativeDuration,
  nonNegativeInteger,
  positiveDuration,
  positiveInteger,
} from '../../src/options/numeric-options.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../../src/pipeline/http.js';
import { authPolicy } from '../../src/pipeline/policies/auth-policy.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import { boundedServerText } from '../../src/soap/server-text.js';
import type { Transport } from '../../src/transport/transport.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { getFolderInboxResponse } from '../helpers/exchange-responses.js';

/*
 * The class test of issue 12's "numeric options" defect: every number core's public API takes
 * from a caller, probed with the values a slip produces (`Number('')` is 0, `Number(undefined)`
 * is NaN, a difference can be negative or fractional, a division by zero is Infinity) and with a
 * timer overflow. Each is refused with EWS_INVALID_ARGUMENT naming the option and the value, or
 * accepted where the table documents it. The table must cover every numeric input the
 * TypeScript checker finds in src/index.ts (see tools/numeric-options.mjs).
 */

/** What a row's option accepts; everything else must be refused. */
const KINDS = {
  /** A count: 1, 2, 3… */
  count: (v: number) => Number.isSafeInteger(v) && v >= 1,
  /** A count capped by the row's `max`. */
  countUpTo: (max: number) => (v: number) => Number.isSafeInteger(v) && v >= 1 && v <= max,
  /** A count, or Infinity for "no limit" (documented). */
  countOrUnbounded: (v: number) => v === Number.POSITIVE_INFINITY || (Number.isSafeInteger(v) && v >= 1),
  /** Milliseconds above 0 that a timer can hold. */
  duration: (v: number) => Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS,
  /** Milliseconds, 0 included, that a timer can hold. */
  durationFrom0: (v: number) => Number.isFinite(v) && v >= 0 && v <= MAX_TIMER_MS,
  /** Whole milliseconds above 0 that a timer can hold (undici takes integers only). */
  wholeMs: (v: number) => Number.isSafeInteger(v) && v >= 1 && v <= MAX_TIMER_MS,
  /** Whole milliseconds, 0 included. */
  wholeMsFrom0: (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= MAX_TIMER_MS,
  /** A deadline: milliseconds above 0, or NO_DEADLINE (Infinity), the documented opt-out. */
  deadline: (v: number) => v === NO_DEADLINE || (Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS),
} as const;

const PROBES = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, MAX_TIMER_MS + 1, -0.5];

interface Row {
  /** The option's short name, which the error must mention. */
  readonly option: string;
  readonly accepts: (value: number) => boolean;
  /** Hands `value` to the real entry point. */
  readonly apply: (value: number) => unknown;
}

/** A transport that answers every call at once (so an accepted deadline has nothing to wait for). */
function answeringTransport(): Transport {
  const respond = async (_request: EwsHttpRequest): Promise<EwsHttpResponse> => ({
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: getFolderInboxResponse(),
  });
  return {
    send: respond,
    lease: async () => ({ connection: undefined, send: respond, release: () => {} }),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}

const URL_ = 'https://mail.example.com/EWS/Exchange.asmx';
const GET_FOLDER = { operation: 'GetFolder', body: '<m:GetFolder/>' };

const callWithDeadline = async (value: number) => {
  await using client = new EwsClient({ url: URL_, transport: answeringTransport() });
  await client.send(GET_FOLDER, { timeoutMs: value });
};
const streamWithDeadline = async (value: number) => {
  await using client = new EwsClient({ url: URL_, transport: answeringTransport() });
  await client.sendStream(GET_FOLDER, { timeoutMs: value });
};
const transportWith = (key: string) => async (value: number) => {
  await using transport = createUndiciTransport({ proxy: false, [key]: value });
  void transport;
};

/** A reader limit: a whole number from 1, or Infinity to switch the limit off. */
const positiveOrUnlimited = (v: number) =>
  v === Number.POSITIVE_INFINITY || (Number.isSafeInteger(v) && v >= 1);

const ROWS: Readonly<Record<string, Row>> = {
  'boundedServerText(max)': {
    option: 'max',
    accepts: (v) => Number.isSafeInteger(v) && v >= 1,
    apply: (v) => boundedServerText('a server text longer than a few characters', v),
  },
  'ReaderLimitOverrides.maxAttributeValueLength': {
    option: 'readerLimits.maxAttributeValueLength',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxAttributeValueLength: v } }),
  },
  'ReaderLimitOverrides.maxAttributes': {
    option: 'readerLimits.maxAttributes',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxAttributes: v } }),
  },
  'ReaderLimitOverrides.maxDepth': {
    option: 'readerLimits.maxDepth',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxDepth: v } }),
  },
  'ReaderLimitOverrides.maxNameLength': {
    option: 'readerLimits.maxNameLength',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxNameLength: v } }),
  },
  'ReaderLimitOverrides.maxResponseBytes': {
    option: 'readerLimits.maxResponseBytes',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxResponseBytes: v } }),
  },
  'ReaderLimitOverrides.maxStreamedItemLength': {
    option: 'readerLimits.maxStreamedItemLength',
    accepts: positiveOrUnlimited,
    apply: (v) => new EwsClient({ url: URL_, readerLimits: { maxStreamedItemLength: v } }),
  },
  'AuthPolicyOptions.maxRounds': {
    option: 'maxRounds',
    accepts: KINDS.countUpTo(100),
    apply: (value) =>
      authPolicy({
        strategy: createBearerAuth({ token: 'abcdef' }),
        transport: answeringTransport(),
        logger: silentLogger,
        maxRounds: value,
      }),
  },
  'BearerAuthOptions.refreshBeforeExpiryMs': {
    option: 'refreshBeforeExpiryMs',
    accepts: KINDS.durationFrom0,
    apply: (value) =>
      createBearerAuth({ getToken: async () => ({ token: 'abcdef' }), refreshBeforeExpiryMs: value }),
  },
  'RefreshingBearerAuthOptions.refreshBeforeExpiryMs': {
    option: 'refreshBeforeExpiryMs',
    accepts: KINDS.durationFrom0,
    apply: (value) =>
      createBearerAuth({ getToken: async () => ({ token: 'abcdef' }), refreshBeforeExpiryMs: value }),
  },
  'CallOptions.timeoutMs': { option: 'timeoutMs', accepts: KINDS.deadline, apply: callWithDeadline },
  'EwsCallOptions.timeoutMs': { option: 'timeoutMs', accepts: KINDS.deadline, apply: streamWithDeadline },
  'EwsClientOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: KINDS.deadline,
    apply: (value) => new EwsClient({ url: URL_, timeoutMs: value, transport: answeringTransport() }),
  },
  'FaultTolerantOptions.maxTotalWaitMs': {
    option: 'maxTotalWaitMs',
    accepts: KINDS.durationFrom0,
    apply: (value) => faultTolerant({ maxTotalWaitMs: value }),
  },
  'FaultTolerantOptions.maxAttempts': {
    option: 'maxAttempts',
    accepts: KINDS.countOrUnbounded,
    apply: (value) => faultTolerant({ maxTotalWaitMs: 1_000, maxAttempts: value }),
  },
  'FaultTolerantOptions.baseDelayMs': {
    option: 'baseDelayMs',
    accepts: (v) => KINDS.durationFrom0(v) && v <= 60_000,
    apply: (value) => faultTolerant({ maxTotalWaitMs: 1_000, baseDelayMs: value }),
  },
  'FaultTolerantOptions.maxDelayMs': {
    option: 'maxDelayMs',
    accepts: KINDS.durationFrom0,
    apply: (value) => faultTolerant({ maxTotalWaitMs: 1_000, baseDelayMs: 0, maxDelayMs: value }),
  },
  'UndiciTransportOptions.connections': {
    option: 'connections',
    accepts: KINDS.countUpTo(1_024),
    apply: transportWith('connections'),
  },
  'UndiciTransportOptions.keepAliveTimeoutMs': {
    option: 'keepAliveTimeoutMs',
    accepts: KINDS.wholeMs,
    apply: transportWith('keepAliveTimeoutMs'),
  },
  'UndiciTransportOptions.connectTimeoutMs': {
    option: 'connectTimeoutMs',
    accepts: KINDS.wholeMs,
    apply: transportWith('connectTimeoutMs'),
  },
  'UndiciTransportOptions.headersTimeoutMs': {
    option: 'headersTimeoutMs',
    accepts: KINDS.wholeMs,
    apply: transportWith('headersTimeoutMs'),
  },
  'UndiciTransportOptions.bodyTimeoutMs': {
    option: 'bodyTimeoutMs',
    accepts: KINDS.wholeMs,
    apply: transportWith('bodyTimeoutMs'),
  },
  'UndiciTransportOptions.closeGraceMs': {
    option: 'closeGraceMs',
    accepts: KINDS.wholeMsFrom0,
    apply: transportWith('closeGraceMs'),
  },
};

/** Numbers the API takes that are not a caller's settings, and why. */
const NOT_SETTINGS: Readonly<Record<string, string>> = {
  'ReaderLimits.maxAttributeValueLength':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'ReaderLimits.maxAttributes':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'ReaderLimits.maxDepth':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'ReaderLimits.maxNameLength':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'ReaderLimits.maxResponseBytes':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'ReaderLimits.maxStreamedItemLength':
    'the resolved limits (what resolveReaderLimits and EwsClient.readerLimits return); callers set ReaderLimitOverrides',
  'EwsResponseErrorOptions.descriptiveLinkKey': 'data copied from an answer into an error',
  'EwsResponseErrorOptions.index': 'data copied from an answer into an error',
  'EwsThrottledErrorOptions.attempts': 'data the retry policy puts into its error',
  'EwsThrottledErrorOptions.retryAfterMs': 'data the retry policy puts into its error',
  'EwsThrottledErrorOptions.totalWaitMs': 'data the retry policy puts into its error',
  'decodeResponseMessage(index)': "the message's position in an answer being decoded",
  'detectAuthType(status)': 'an HTTP status read from a response',
  'eachChild(from)': 'slice bounds over a parsed node (the XML reader, like Array.prototype.slice)',
  'eachChild(to)': 'slice bounds over a parsed node (the XML reader, like Array.prototype.slice)',
  'el(children)': 'a number written as element text, not a setting',
  'fragments(children)': 'a number written as element text, not a setting',
  'DurationLimits.max': "the check's own bounds, given by code",
  'IntegerLimits.max': "the check's own bounds, given by code",
  'IntegerLimits.min': "the check's own bounds, given by code",
  'integerInRange(max)': "the check's own bounds, given by code",
  'integerInRange(min)': "the check's own bounds, given by code",
  'new Build(majorBuild)': 'a server build number (data)',
  'new Build(majorVersion)': 'a server build number (data)',
  'new Build(minorBuild)': 'a server build number (data)',
  'new Build(minorVersion)': 'a server build number (data)',
};

/** The refusal every numeric check gives. */
const invalidArgument = (error: unknown) =>
  EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT';

describe('every numeric option of @ews/core', () => {
  it('the table has a row (or a reason) for every numeric input of the public API, and no other', () => {
    const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const found = numericInputsOf(entry, { ownOnly: true });
    expect([...Object.keys(ROWS), ...Object.keys(NOT_SETTINGS)].sort()).toEqual(found);
  }, 60_000);

  for (const [key, row] of Object.entries(ROWS)) {
    it.each(PROBES)(`${key} = %s`, async (value) => {
      await expectNumericProbe(row, value, { isInvalidArgument: invalidArgument, describeValue });
    });
  }
});

describe('the checks', () => {
  it('name the option and the value, and show a string only by its type', () => {
    expect(() => positiveInteger('chunkSize', Number.NaN)).toThrow(
      'chunkSize must be a whole number of at least 1, got NaN',
    );
    expect(() => positiveInteger('chunkSize', '100')).toThrow('got a string');
    expect(() => integerInRange('connectionTimeoutMinutes', 31, 1, 30)).toThrow('from 1 to 30, got 31');
    expect(() => nonNegativeInteger('offset', -0.5)).toThrow('offset must be a whole number of at least 0');
    expect(() => positiveDuration('intervalMs', 0)).toThrow(
      'intervalMs must be a finite number of milliseconds',
    );
    expect(() => nonNegativeDuration('closeGraceMs', MAX_TIMER_MS + 1)).toThrow(`got ${MAX_TIMER_MS + 1}`);
  });

  it('accept what they promise, -0 as 0', () => {
    expect(Object.is(nonNegativeInteger('offset', -0), 0)).toBe(true);
    expect(positiveInteger('pageSize', 1)).toBe(1);
    expect(positiveDuration('timeoutMs', 0.5)).toBe(0.5);
    expect(nonNegativeDuration('closeGraceMs', 0)).toBe(0);
    expect(nonNegativeDuration('closeGraceMs', MAX_TIMER_MS)).toBe(MAX_TIMER_MS);
  });
});
