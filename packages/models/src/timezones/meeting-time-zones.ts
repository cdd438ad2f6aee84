import { invalidArgument } from '../errors.js';
import type { InferModel, Model } from '../schema/define-model.js';
import type { FieldDef } from '../schema/field-def.js';
import { type ExchangeVersion, supportsVersion } from '../versions/exchange-version.js';
import { windowsZoneOf } from './host-zone.js';
import type { TimeZoneDefinition } from './time-zone-definition.js';

/** Which zone field goes with which time field: StartTimeZone with Start, EndTimeZone with End. */
const ZONE_OF_TIME = [
  ['start', 'startTimeZone'],
  ['end', 'endTimeZone'],
] as const;

/** The Windows zone id new and changed meeting times are written in, asked for only when one is needed. */
export type MeetingZone = () => string;

function zoneField(model: Model, name: string, version: ExchangeVersion): FieldDef | undefined {
  const def = model.fields.find((f) => f.name === name);
  if (def === undefined) return undefined;
  // Exchange 2007 has only MeetingTimeZone, which @ews does not write: its times stay as given (UTC).
  return def.minVersion === undefined || supportsVersion(version, def.minVersion) ? def : undefined;
}

/**
 * A zone the caller named: a definition with only an id may name an IANA zone (`Europe/Oslo`),
 * written as its Windows id; an id that is neither is EWS_INVALID_ARGUMENT. Full definitions
 * (with periods) are the caller's own rules and are kept as they are.
 */
function callerZone(value: unknown, where: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const definition = value as TimeZoneDefinition;
  if (definition.periods !== undefined || typeof definition.id !== 'string') return value;
  const id = windowsZoneOf(definition.id);
  if (id === undefined)
    throw invalidArgument(`${where}: no Windows time zone is known for '${definition.id}'`);
  return id === definition.id ? value : { ...definition, id };
}

/**
 * What a meeting's times are written with: each of `start` and `end` that is set carries its zone
 * (StartTimeZone, EndTimeZone) so Exchange keeps the meeting's wall-clock time across daylight-saving
 * changes; a zone the values already name is kept, a missing one is `zone()`. Models without zone
 * fields, and versions before Exchange 2010, are returned unchanged.
 */
export function withMeetingTimeZones(
  model: Model,
  values: Readonly<Record<string, unknown>>,
  zone: MeetingZone,
  version: ExchangeVersion,
  where: string,
): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [time, zoneName] of ZONE_OF_TIME) {
    if (values[time] === undefined || zoneField(model, zoneName, version) === undefined) continue;
    const given = values[zoneName];
    const next = given === undefined ? { id: zone() } : callerZone(given, `${where}.${zoneName}`);
    if (next === given) continue;
    out ??= { ...values };
    out[zoneName] = next;
  }
  return out ?? values;
}

/** withMeetingTimeZones for a whole item of `model`. */
export function meetingWithTimeZones<M extends Model>(
  model: M,
  item: InferModel<M>,
  zone: MeetingZone,
  version: ExchangeVersion,
  where: string,
): InferModel<M> {
  return withMeetingTimeZones(model, item as Record<string, unknown>, zone, version, where) as InferModel<M>;
}
