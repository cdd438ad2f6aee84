import { type EwsClientOptions, EwsInvalidArgumentError, faultTolerant } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { Configuration, type ConfigurationOptions } from '../src/index.js';

// One name per concept at every layer: an option Configuration hands to core's EwsClient has
// core's name. A ConfigurationOptions key that core does not have must be listed here with the
// reason, so a second spelling of a core option cannot appear unnoticed (this file stops compiling).
const CLIENT_ONLY: Readonly<Record<Exclude<keyof ConfigurationOptions, keyof EwsClientOptions>, string>> = {
  server: 'exchangelib: the host name, made into `url`',
  serviceEndpoint: 'exchangelib: the full EWS URL, made into `url`',
  credentials: 'exchangelib: made into an `auth` strategy',
  authType: 'exchangelib: picks the `auth` strategy for `credentials`',
  loadModule: 'loads the optional auth packages',
  connections: "core's `transport.connections`, flattened",
  retryPolicy: 'deprecated alias of `retry` (exchangelib-shaped)',
  maxConnections: 'deprecated alias of `connections`',
};

/** The deprecated spellings, each with its current name. */
const ALIASES = [
  {
    name: 'retry',
    alias: 'retryPolicy',
    values: [faultTolerant({ maxTotalWaitMs: 1_000 }), faultTolerant({ maxTotalWaitMs: 2_000 })],
  },
  { name: 'connections', alias: 'maxConnections', values: [4, 6] },
] as const;

const SERVER = { server: 'mail.example.com' } as const;

/** What each option becomes in core's client options. */
function coreValue(name: 'retry' | 'connections', config: Configuration): unknown {
  const options = config.clientOptions();
  if (name === 'retry') return options.retry;
  const transport = options.transport;
  return transport !== undefined && 'connections' in transport ? transport.connections : undefined;
}

describe('Configuration option names follow EwsClientOptions', () => {
  it('lists every option core does not have (the table above compiles only when complete)', () => {
    expect(Object.keys(CLIENT_ONLY).sort()).toEqual([
      'authType',
      'connections',
      'credentials',
      'loadModule',
      'maxConnections',
      'retryPolicy',
      'server',
      'serviceEndpoint',
    ]);
  });

  for (const { name, alias, values } of ALIASES) {
    const [value, other] = values;
    describe(`${name} (deprecated spelling ${alias})`, () => {
      it('reaches core under its own name', () => {
        expect(coreValue(name, new Configuration({ ...SERVER, [name]: value }))).toBe(value);
      });

      it('the deprecated spelling gives the same result', () => {
        const current = new Configuration({ ...SERVER, [name]: value }).clientOptions();
        const old = new Configuration({ ...SERVER, [alias]: value }).clientOptions();
        expect(coreValue(name, new Configuration({ ...SERVER, [alias]: value }))).toBe(value);
        expect({ ...old, auth: undefined }).toEqual({ ...current, auth: undefined });
      });

      it('both spellings with the same value are accepted', () => {
        expect(coreValue(name, new Configuration({ ...SERVER, [name]: value, [alias]: value }))).toBe(value);
      });

      it('both spellings with different values are refused', () => {
        const make = () => new Configuration({ ...SERVER, [name]: value, [alias]: other });
        expect(make).toThrow(EwsInvalidArgumentError);
        expect(make).toThrow(new RegExp(`${name} or ${alias}`));
      });

      it('neither given: core gets nothing (its default)', () => {
        expect(coreValue(name, new Configuration(SERVER))).toBeUndefined();
      });
    });
  }

  it('the deprecated maxConnections is range-checked under its own name', () => {
    expect(() => new Configuration({ ...SERVER, maxConnections: 0 })).toThrow(/maxConnections/);
    expect(() => new Configuration({ ...SERVER, connections: 2_000 })).toThrow(/connections/);
  });
});
