import {
  child,
  children,
  EwsProtocolError,
  type EwsResponse,
  el,
  nonNegativeInteger,
  positiveInteger,
  type XmlFragment,
} from '@ews/core';
import {
  type ExchangeVersion,
  fromXml,
  int,
  type Persona,
  PersonaModel,
  type SortKey,
  sortOrderXml,
} from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import type { FolderRef } from '../refs.js';

/** A persona field to sort FindPeople by: `'displayName'`, `'-surname'` (descending), or `{ field, order }`. */
export type PersonaSortKey = SortKey<typeof PersonaModel>;

export interface FindPeopleParams {
  /**
   * The folder to search: a distinguished folder name (default `contacts`; `directory` is the
   * GAL) or a FolderRef (a contacts folder by id, or a distinguished one of a named mailbox).
   */
  readonly folder?: string | FolderRef | undefined;
  /** ANR text: name, alias or address prefix. */
  readonly query?: string | undefined;
  /** t:SortOrder, most significant key first; persona fields only. */
  readonly sort?: readonly PersonaSortKey[] | undefined;
  /** Largest page asked for (IndexedPageItemView MaxEntriesReturned), default 100. */
  readonly maxEntries?: number | undefined;
  readonly offset?: number | undefined;
  /** The request version the sort fields are checked against; default Exchange2013_SP1 (FindPeople's first). */
  readonly version?: ExchangeVersion | undefined;
}

function parentFolderXml(folder: FindPeopleParams['folder']): XmlFragment {
  const ref: FolderRef =
    folder === undefined
      ? { distinguishedId: 'contacts' }
      : typeof folder === 'string'
        ? ({ distinguishedId: folder } as FolderRef)
        : folder;
  return el('m:ParentFolderId', {}, folderIdXml(ref));
}

/** FindPeople in types.xsd order: shape, page, sort, folder, query. */
export function buildFindPeople(params: FindPeopleParams = {}): XmlFragment {
  const query = params.query === undefined ? undefined : el('m:QueryString', {}, params.query);
  const maxEntries = positiveInteger('maxEntries', params.maxEntries ?? 100, { max: XS_INT_MAX });
  const offset = nonNegativeInteger('offset', params.offset ?? 0, { max: XS_INT_MAX });
  const sort =
    params.sort === undefined || params.sort.length === 0
      ? undefined
      : sortOrderXml(PersonaModel, params.sort, { version: params.version ?? 'Exchange2013_SP1' });
  return el('m:FindPeople', {}, [
    el('m:PersonaShape', {}, el('t:BaseShape', {}, 'Default')),
    el('m:IndexedPageItemView', { MaxEntriesReturned: maxEntries, Offset: offset, BasePoint: 'Beginning' }),
    sort,
    parentFolderXml(params.folder),
    query,
  ]);
}

export interface FindPeopleResult {
  readonly people: readonly Persona[];
  /** TotalNumberOfPeopleInView: how many match in the whole view (all pages); absent if the server left it out. */
  readonly totalInView: number | undefined;
}

/** What the request asked for, to hold the answer to (a page never holds more than it asked). */
export interface FindPeopleSent {
  readonly maxEntries: number;
}

function optionalInt(response: EwsResponse, name: string): number | undefined {
  const text = child(response.node, name)?.text.trim();
  if (text === undefined || text === '') return undefined;
  const value = int.fromText(text, name);
  if (value < 0)
    throw new EwsProtocolError(`FindPeople answered a negative ${name} (${value})`, {
      operation: 'FindPeople',
    });
  return value;
}

/**
 * The personas of one page, in the server's order. Each carries its PersonaId (t:PersonaType,
 * minOccurs 1): a persona without one (or with a misspelt `<t:PersonaID>`) is a broken answer. With
 * `sent`, a page longer than asked for is refused too; and a page never holds more people than the
 * view's TotalNumberOfPeopleInView.
 */
export function readFindPeople(response: EwsResponse, sent?: FindPeopleSent): FindPeopleResult {
  // FindPeople carries ResponseClass on the response element itself.
  onlyMessage(response);
  const people = children(child(response.node, 'People'), 'Persona').map((node) => {
    const persona = fromXml(PersonaModel, node);
    if (persona.personaId === undefined)
      throw new EwsProtocolError('FindPeople answered a Persona without its PersonaId', {
        operation: 'FindPeople',
      });
    return persona;
  });
  const totalInView = optionalInt(response, 'TotalNumberOfPeopleInView');
  if (sent !== undefined && people.length > sent.maxEntries)
    throw new EwsProtocolError(
      `FindPeople answered ${people.length} personas for a page of at most ${sent.maxEntries}`,
      { operation: 'FindPeople' },
    );
  if (totalInView !== undefined && people.length > totalInView)
    throw new EwsProtocolError(
      `FindPeople answered ${people.length} personas, but TotalNumberOfPeopleInView is ${totalInView}`,
      { operation: 'FindPeople' },
    );
  return { people, totalInView };
}
