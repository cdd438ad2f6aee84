import {
  boundedServerText,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  MAX_SERVER_NAME_LENGTH,
  type XmlFragment,
} from '@ews/core';
import { type TimeZoneDefinition, timeZoneDefinition, windowsZoneOf } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';

const OPERATION = 'GetServerTimeZones';
// Windows knows about 140 zones; an answer far beyond that is not a list of time zones.
const MAX_ZONES = 1_000;

export interface GetServerTimeZonesParams {
  /** Windows ids (`W. Europe Standard Time`) or IANA ids (`Europe/Oslo`, sent as its Windows id); default: every zone. */
  readonly ids?: readonly string[] | undefined;
  /** Periods and transitions too (ReturnFullTimeZoneData); default false: ids and names only, as exchangelib. */
  readonly full?: boolean | undefined;
}

/** The Windows ids a request names, in the caller's order; an id with no Windows zone is refused. */
export function serverTimeZoneIds(ids: readonly string[] | undefined): readonly string[] | undefined {
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || ids.length === 0)
    throw new EwsInvalidArgumentError(
      'GetServerTimeZones: ids must be a non-empty list (omit it for every zone)',
    );
  return ids.map((id) => {
    const windowsId = typeof id === 'string' ? windowsZoneOf(id) : undefined;
    if (windowsId === undefined)
      throw new EwsInvalidArgumentError(
        `GetServerTimeZones: no Windows time zone is known for '${String(id)}'`,
      );
    return windowsId;
  });
}

export function buildGetServerTimeZones(params: GetServerTimeZonesParams = {}): XmlFragment {
  const ids = serverTimeZoneIds(params.ids);
  const idsXml =
    ids === undefined
      ? undefined
      : el(
          'm:Ids',
          {},
          ids.map((id) => el('t:Id', {}, id)),
        );
  return el('m:GetServerTimeZones', { ReturnFullTimeZoneData: params.full === true }, idsXml);
}

/**
 * The zones of the answer. With `ids` the answer must hold exactly those zones, in that order (a
 * missing, extra or other zone is EWS_PROTOCOL, never shifted onto another id); every definition
 * carries its Id.
 */
export function readGetServerTimeZones(
  response: EwsResponse,
  ids?: readonly string[],
): readonly TimeZoneDefinition[] {
  const message = onlyMessage(response);
  const nodes = children(requiredChild(message.node, 'TimeZoneDefinitions', OPERATION), 'TimeZoneDefinition');
  const fail = (why: string) => new EwsProtocolError(`${OPERATION}: ${why}`, { operation: OPERATION });
  if (nodes.length > MAX_ZONES) throw fail(`${nodes.length} zones answered, more than ${MAX_ZONES}`);
  if (ids !== undefined && nodes.length !== ids.length)
    throw fail(`${ids.length} zones asked for, ${nodes.length} answered`);
  return nodes.map((node, index) => {
    const definition = timeZoneDefinition.readElement(node, `${OPERATION}.TimeZoneDefinition`);
    if (definition.id === undefined || definition.id === '') throw fail('a TimeZoneDefinition has no Id');
    const asked = ids?.[index];
    if (asked !== undefined && definition.id !== asked)
      throw fail(
        `zone ${index + 1} is '${boundedServerText(definition.id, MAX_SERVER_NAME_LENGTH)}', '${asked}' was asked for`,
      );
    return definition;
  });
}
