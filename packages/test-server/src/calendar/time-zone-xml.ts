import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { MONTH_NAMES } from './month-names.js';
import type { WindowsTimeZone, ZoneGroup, ZoneTransition } from './windows-time-zone.js';

/** Windows writes durations in minutes; a bias is the negated offset: UTC+1 is "-PT60M". */
const minutes = (value: number) => `${value < 0 ? '-' : ''}PT${Math.abs(value)}M`;

const periodId = (zone: WindowsTimeZone, group: ZoneGroup, name: string) =>
  `trule:Microsoft/Registry/${zone.id}/${group.year}-${name}`;

function transitionXml(zone: WindowsTimeZone, group: ZoneGroup, t: ZoneTransition): XmlFragment {
  const to = el('t:To', { Kind: 'Period' }, periodId(zone, group, t.to));
  if (t.month === undefined) return el('t:Transition', null, to);
  const head = [to, textEl('t:TimeOffset', minutes(t.minutes ?? 0)), textEl('t:Month', t.month)];
  if (t.dayOfWeek === undefined) return el('t:RecurringDateTransition', null, head, textEl('t:Day', t.day));
  return el(
    't:RecurringDayTransition',
    null,
    head,
    textEl('t:DayOfWeek', t.dayOfWeek),
    textEl('t:Occurrence', t.occurrence),
  );
}

/**
 * A t:TimeZoneDefinitionType element (`name`: t:TimeZoneDefinition in GetServerTimeZones,
 * t:StartTimeZone / t:EndTimeZone on items) as Exchange 2010 SP1+ writes it: Id and Name, then (full)
 * every period, one transitions group per run of years with the same rules, and the transitions that
 * switch between the groups on Jan 1 of each group's first year.
 */
export function timeZoneDefinitionXml(name: string, zone: WindowsTimeZone, full: boolean): XmlFragment {
  const attrs = { Id: zone.id, Name: zone.name };
  if (!full) return el(name, attrs);
  return el(
    name,
    attrs,
    el(
      't:Periods',
      null,
      zone.groups.flatMap((group) =>
        group.periods.map((p) =>
          el('t:Period', {
            Bias: minutes(-p.offsetMinutes),
            Name: p.name,
            Id: periodId(zone, group, p.name),
          }),
        ),
      ),
    ),
    el(
      't:TransitionsGroups',
      null,
      zone.groups.map((group, i) =>
        el(
          't:TransitionsGroup',
          { Id: String(i) },
          group.transitions.map((t) => transitionXml(zone, group, t)),
        ),
      ),
    ),
    el(
      't:Transitions',
      null,
      zone.groups.map((group, i) =>
        i === 0
          ? el('t:Transition', null, el('t:To', { Kind: 'Group' }, '0'))
          : el(
              't:AbsoluteDateTransition',
              null,
              el('t:To', { Kind: 'Group' }, String(i)),
              textEl('t:DateTime', `${group.year}-01-01T00:00:00`),
            ),
      ),
    ),
  );
}

const DAY_INDEX: Readonly<Record<number, string>> = {
  1: 'First',
  2: 'Second',
  3: 'Third',
  4: 'Fourth',
  [-1]: 'Last',
};
const clock = (value: number) =>
  `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}:00`;
/** An xs:duration of minutes in hours and minutes, as TimeZoneType writes BaseOffset ("PT8H", "-PT5H30M"). */
const hours = (value: number) => {
  const abs = Math.abs(value);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${value < 0 ? '-' : ''}PT${h > 0 || m === 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}`;
};

/**
 * The legacy t:MeetingTimeZone (t:TimeZoneType, Exchange 2007): the current rules only — BaseOffset
 * (the standard bias) and, for a zone with daylight time, the yearly switch into each period.
 */
export function meetingTimeZoneXml(zone: WindowsTimeZone): XmlFragment {
  const group = zone.groups[zone.groups.length - 1]!;
  const standard = group.periods.find((p) => p.name === 'Standard')!;
  const daylight = group.periods.find((p) => p.name === 'Daylight');
  const into = (name: string) =>
    group.transitions.find((t) => t.to === name && t.dayOfWeek !== undefined && t.occurrence !== undefined);
  const toStandard = into('Standard');
  const toDaylight = into('Daylight');
  const change = (element: string, offset: number, t: ZoneTransition) =>
    el(
      element,
      null,
      textEl('t:Offset', hours(offset)),
      el(
        't:RelativeYearlyRecurrence',
        null,
        textEl('t:DaysOfWeek', t.dayOfWeek),
        textEl('t:DayOfWeekIndex', DAY_INDEX[t.occurrence ?? 1]),
        textEl('t:Month', MONTH_NAMES[(t.month ?? 1) - 1]),
      ),
      textEl('t:Time', clock(t.minutes ?? 0)),
    );
  return el(
    't:MeetingTimeZone',
    { TimeZoneName: zone.id },
    textEl('t:BaseOffset', hours(-standard.offsetMinutes)),
    daylight !== undefined && toStandard !== undefined && toDaylight !== undefined
      ? [
          change('t:Standard', 0, toStandard),
          change('t:Daylight', standard.offsetMinutes - daylight.offsetMinutes, toDaylight),
        ]
      : undefined,
  );
}
