import { SERVER_TIME_ZONES, type ServerTimeZone } from '../calendar/time-zone-table.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child, childrenNamed } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

/** Windows writes biases as negated offsets: a bias of -60 minutes is UTC+1, written PT-60M. */
const duration = (minutes: number) => `${minutes < 0 ? '-' : ''}PT${Math.abs(minutes)}M`;

function definition(zone: ServerTimeZone, full: boolean): XmlFragment {
  const attrs = { Id: zone.id, Name: zone.name };
  if (!full) return el('t:TimeZoneDefinition', attrs);
  const base = `trule:Microsoft/Registry/${zone.id}/2006`;
  const periods = [
    el('t:Period', { Bias: duration(zone.biasMinutes), Name: 'Standard', Id: `${base}-Standard` }),
  ];
  let group: XmlFragment;
  if (zone.daylight === undefined) {
    group = el(
      't:TransitionsGroup',
      { Id: '0' },
      el('t:Transition', null, el('t:To', { Kind: 'Period' }, `${base}-Standard`)),
    );
  } else {
    const d = zone.daylight;
    periods.push(el('t:Period', { Bias: duration(d.biasMinutes), Name: 'Daylight', Id: `${base}-Daylight` }));
    const rule = (period: string, r: typeof d.start) =>
      el(
        't:RecurringDayTransition',
        null,
        el('t:To', { Kind: 'Period' }, `${base}-${period}`),
        textEl('t:TimeOffset', r.timeOffset),
        textEl('t:Month', r.month),
        textEl('t:DayOfWeek', r.dayOfWeek),
        textEl('t:Occurrence', r.occurrence),
      );
    group = el('t:TransitionsGroup', { Id: '0' }, rule('Daylight', d.start), rule('Standard', d.end));
  }
  return el(
    't:TimeZoneDefinition',
    attrs,
    el('t:Periods', null, periods),
    el('t:TransitionsGroups', null, group),
    el('t:Transitions', null, el('t:Transition', null, el('t:To', { Kind: 'Group' }, '0'))),
  );
}

/** GetServerTimeZones from a small built-in table; unknown ids fail the request. */
export const getServerTimeZones: OperationHandler = (_ctx, request) => {
  const full =
    request.attrs.ReturnFullTimeZoneData !== 'false' && request.attrs.ReturnFullTimeZoneData !== '0';
  const ids = childrenNamed(child(request, 'Ids'), 'Id').map((e) => e.text.trim());
  const message = messageFor(
    'GetServerTimeZonesResponseMessage',
    () => {
      const zones =
        ids.length === 0
          ? SERVER_TIME_ZONES
          : ids.map((id) => {
              const zone = SERVER_TIME_ZONES.find((z) => z.id === id);
              if (zone === undefined)
                throw new ResponseError('ErrorInvalidRequest', `Unknown time zone id ${id}.`);
              return zone;
            });
      return el(
        'm:TimeZoneDefinitions',
        null,
        zones.map((z) => definition(z, full)),
      );
    },
    () => el('m:TimeZoneDefinitions', null),
  );
  return operationResponse('GetServerTimeZones', [message]);
};
