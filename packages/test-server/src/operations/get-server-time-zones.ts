import { SERVER_TIME_ZONES, serverTimeZone } from '../calendar/time-zone-table.js';
import { timeZoneDefinitionXml } from '../calendar/time-zone-xml.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child, childrenNamed } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

/**
 * GetServerTimeZones: every Windows zone (or those `Ids` names, in that order), with their periods and
 * transitions unless ReturnFullTimeZoneData is false (the default is true). An unknown id fails the
 * request with ErrorInvalidRequest rather than being left out.
 */
export const getServerTimeZones: OperationHandler = (_ctx, request) => {
  const fullText = request.attrs.ReturnFullTimeZoneData;
  const full = fullText !== 'false' && fullText !== '0';
  const ids = childrenNamed(child(request, 'Ids'), 'Id').map((e) => e.text.trim());
  const message = messageFor(
    'GetServerTimeZonesResponseMessage',
    () => {
      const zones =
        ids.length === 0
          ? SERVER_TIME_ZONES
          : ids.map((id) => {
              const zone = serverTimeZone(id);
              if (zone === undefined)
                throw new ResponseError('ErrorInvalidRequest', `Unknown time zone id ${id}.`);
              return zone;
            });
      return el(
        'm:TimeZoneDefinitions',
        null,
        zones.map((z) => timeZoneDefinitionXml('t:TimeZoneDefinition', z, full)),
      );
    },
    () => el('m:TimeZoneDefinitions', null),
  );
  return operationResponse('GetServerTimeZones', [message]);
};
