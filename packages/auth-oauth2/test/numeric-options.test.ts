import { fileURLToPath } from 'node:url';
import { describeValue, EwsError, NO_DEADLINE } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { expectNumericProbe, numericInputsOf } from '../../../tools/numeric-options.mjs';
import {
  createHttpsNetworkClient,
  OAuth2AuthorizationCodeCredentials,
  OAuth2Credentials,
  OAuth2DeviceCodeCredentials,
  OAuth2InteractiveCredentials,
  OAuth2LegacyCredentials,
} from '../src/index.js';

/*
 * Issue 12's numeric options, for @ews/auth-oauth2: every number the public API takes is checked
 * with @ews/core's rules when it is given. Before, `createHttpsNetworkClient({ timeoutMs: 0 })`
 * meant "no timeout" to Node and `maxResponseBytes: NaN` meant "no limit"; a NaN
 * `refreshBeforeExpiryMs` surfaced only at the first token. The table must cover every numeric
 * input the TypeScript checker finds in src/index.ts.
 */

const MAX_TIMER_MS = 2_147_483_647;
const PROBES = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -0.5, MAX_TIMER_MS + 1, 8.64e15 + 1];

const count = (v: number) => Number.isSafeInteger(v) && v >= 1;
const deadline = (v: number) => v === NO_DEADLINE || (Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS);
const durationFrom0 = (v: number) => Number.isFinite(v) && v >= 0 && v <= MAX_TIMER_MS;
const port = (v: number) => Number.isSafeInteger(v) && v >= 1 && v <= 65_535;
const timestamp = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 8.64e15;

interface Row {
  readonly option: string;
  readonly accepts: (value: number) => boolean;
  readonly apply: (value: number) => unknown;
}

const common = { clientId: 'app', tenantId: 'contoso.example' };
const openBrowser = async () => undefined;
const refresh = (make: (refreshBeforeExpiryMs: number) => unknown): Row => ({
  option: 'refreshBeforeExpiryMs',
  accepts: durationFrom0,
  apply: make,
});

const ROWS: Readonly<Record<string, Row>> = {
  'HttpsNetworkClientOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: deadline,
    apply: (timeoutMs) => createHttpsNetworkClient({ timeoutMs }),
  },
  'HttpsNetworkClientOptions.maxResponseBytes': {
    option: 'maxResponseBytes',
    accepts: count,
    apply: (maxResponseBytes) => createHttpsNetworkClient({ maxResponseBytes }),
  },
  'OAuth2AuthorizationCodeOptions.expiresOnTimestamp': {
    option: 'expiresOnTimestamp',
    accepts: timestamp,
    apply: (expiresOnTimestamp) =>
      new OAuth2AuthorizationCodeCredentials({ ...common, accessToken: 'token', expiresOnTimestamp }),
  },
  'OAuth2InteractiveOptions.preferredPort': {
    option: 'preferredPort',
    accepts: port,
    apply: (preferredPort) => new OAuth2InteractiveCredentials({ ...common, openBrowser, preferredPort }),
  },
  'OAuth2CredentialsOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2Credentials({ ...common, clientSecret: 's3cret', refreshBeforeExpiryMs }),
  ),
  'OAuth2CommonOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2DeviceCodeCredentials({ ...common, onDeviceCode: () => undefined, refreshBeforeExpiryMs }),
  ),
  'OAuth2AuthorizationCodeOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2AuthorizationCodeCredentials({ ...common, refreshToken: 'r', refreshBeforeExpiryMs }),
  ),
  'OAuth2DeviceCodeOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2DeviceCodeCredentials({ ...common, onDeviceCode: () => undefined, refreshBeforeExpiryMs }),
  ),
  'OAuth2InteractiveOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2InteractiveCredentials({ ...common, openBrowser, refreshBeforeExpiryMs }),
  ),
  'OAuth2LegacyOptions.refreshBeforeExpiryMs': refresh(
    (refreshBeforeExpiryMs) =>
      new OAuth2LegacyCredentials({
        ...common,
        username: 'a@b.example',
        password: 'pw',
        refreshBeforeExpiryMs,
      }),
  ),
};

/** The refusal every numeric check gives. */
const invalidArgument = (error: unknown) =>
  EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT';

describe('every numeric option of @ews/auth-oauth2', () => {
  it('the table has a row for every numeric input of the public API, and no other', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    expect(Object.keys(ROWS).sort()).toEqual(numericInputsOf(entry, { ownOnly: true }));
  }, 60_000);

  for (const [key, row] of Object.entries(ROWS)) {
    it.each(PROBES)(`${key} = %s`, async (value) => {
      await expectNumericProbe(row, value, {
        isInvalidArgument: invalidArgument,
        describeValue,
        strict: true,
      });
    });
  }
});
