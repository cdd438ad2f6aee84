import {
  child,
  children,
  EwsProtocolError,
  type EwsResponse,
  escapeAttribute,
  nonNegativeInteger,
  positiveInteger,
} from '@ews/core';
import { fromCoreNode, fromXml, int, type Persona, PersonaModel } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { textElement } from '../internal/xml.js';

export interface FindPeopleParams {
  /** Distinguished folder to search, default `contacts` (`directory` for the GAL). */
  readonly folder?: string | undefined;
  /** ANR text: name, alias or address prefix. */
  readonly query?: string | undefined;
  readonly maxEntries?: number | undefined;
  readonly offset?: number | undefined;
}

export function buildFindPeople(params: FindPeopleParams = {}): string {
  const query = params.query === undefined ? '' : textElement('m:QueryString', params.query);
  const maxEntries = positiveInteger('maxEntries', params.maxEntries ?? 100, { max: XS_INT_MAX });
  const offset = nonNegativeInteger('offset', params.offset ?? 0, { max: XS_INT_MAX });
  return (
    '<m:FindPeople><m:PersonaShape><t:BaseShape>Default</t:BaseShape></m:PersonaShape>' +
    `<m:IndexedPageItemView MaxEntriesReturned="${maxEntries}" Offset="${offset}" BasePoint="Beginning"/>` +
    `<m:ParentFolderId><t:DistinguishedFolderId Id="${escapeAttribute(params.folder ?? 'contacts')}"/></m:ParentFolderId>${query}</m:FindPeople>`
  );
}

export interface FindPeopleResult {
  readonly people: readonly Persona[];
  readonly totalInView: number | undefined;
}

/**
 * The personas of one page, in the server's order. Each carries its PersonaId (t:PersonaType,
 * minOccurs 1): a persona without one (or with a misspelt `<t:PersonaID>`) is a broken answer.
 */
export function readFindPeople(response: EwsResponse): FindPeopleResult {
  // FindPeople carries ResponseClass on the response element itself.
  onlyMessage(response);
  const people = children(child(response.node, 'People'), 'Persona').map((node) => {
    const persona = fromXml(PersonaModel, fromCoreNode(node));
    if (persona.personaId === undefined)
      throw new EwsProtocolError('FindPeople answered a Persona without its PersonaId', {
        operation: 'FindPeople',
      });
    return persona;
  });
  const total = child(response.node, 'TotalNumberOfPeopleInView')?.text.trim();
  const totalInView =
    total === undefined || total === '' ? undefined : int.fromText(total, 'TotalNumberOfPeopleInView');
  return { people, totalInView };
}
