import type { Duration } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { type Account, readGetServerTimeZones } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { useHarness } from './helpers/harness.js';

let alice: Account;
useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

/** A Windows bias as minutes east of UTC (the bias is what is added to local time: its negation). */
const offsetMinutes = (bias: Duration | undefined) =>
  bias === undefined
    ? Number.NaN
    : (bias.negative ? 1 : -1) * (bias.days * 1440 + bias.hours * 60 + bias.minutes);

const answer = (definitions: string) =>
  decodeResponseText(
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<m:GetServerTimeZonesResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
      '<m:ResponseMessages><m:GetServerTimeZonesResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:TimeZoneDefinitions>${definitions}</m:TimeZoneDefinitions>` +
      '</m:GetServerTimeZonesResponseMessage></m:ResponseMessages></m:GetServerTimeZonesResponse></s:Body></s:Envelope>',
    'GetServerTimeZones',
  );

describe('account.serverTimeZones (GetServerTimeZones)', () => {
  it('lists every zone the server knows, ids and names only by default', async () => {
    const zones = await alice.serverTimeZones();
    expect(zones.length).toBeGreaterThan(100);
    const oslo = zones.find((zone) => zone.id === 'W. Europe Standard Time');
    expect(oslo?.name).toMatch(/Amsterdam, Berlin/);
    expect(oslo?.periods).toBeUndefined();
  });

  it('reads the periods and transitions of the zones asked for, in the order asked, IANA ids mapped', async () => {
    const zones = await alice.serverTimeZones({
      ids: ['Australia/Lord_Howe', 'India Standard Time'],
      full: true,
    });
    expect(zones.map((zone) => zone.id)).toEqual(['Lord Howe Standard Time', 'India Standard Time']);
    const [lordHowe, india] = zones;
    // Lord Howe: UTC+10:30, and +11 in summer (a 30-minute shift); Windows' bias is the negation.
    const biases = (lordHowe?.periods ?? []).map((period) => offsetMinutes(period.bias));
    expect(biases).toEqual(expect.arrayContaining([630, 660]));
    expect(
      lordHowe?.transitionsGroups?.some((group) => group.transitions.some((t) => t.type === 'RecurringDay')),
    ).toBe(true);
    expect(india?.periods?.map((period) => offsetMinutes(period.bias))).toEqual([330]);
  });

  it('refuses an id with no Windows zone before sending (EWS_INVALID_ARGUMENT)', async () => {
    await expect(alice.serverTimeZones({ ids: ['Mars/Base'] })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(alice.serverTimeZones({ ids: [] })).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });

  it('refuses an answer that does not hold exactly the zones asked for, in order (EWS_PROTOCOL)', () => {
    const utc = '<t:TimeZoneDefinition Id="UTC" Name="(UTC) Coordinated Universal Time"/>';
    const tokyo = '<t:TimeZoneDefinition Id="Tokyo Standard Time" Name="(UTC+09:00) Osaka, Sapporo, Tokyo"/>';
    expect(readGetServerTimeZones(answer(utc + tokyo), ['UTC', 'Tokyo Standard Time'])).toHaveLength(2);
    for (const [definitions, ids] of [
      [utc, ['UTC', 'Tokyo Standard Time']],
      [utc + tokyo, ['UTC']],
      [tokyo + utc, ['UTC', 'Tokyo Standard Time']],
      ['<t:TimeZoneDefinition Name="nameless"/>', undefined],
    ] as const) {
      expect(() => readGetServerTimeZones(answer(definitions), ids)).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
    }
  });
});
