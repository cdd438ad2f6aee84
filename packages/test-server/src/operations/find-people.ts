import {
  anrMatches,
  decodePersonaId,
  directoryPersonas,
  folderPersonas,
  itemPersona,
  type PersonaRecord,
} from '../directory/personas.js';
import { personaXml } from '../render/persona-xml.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { SoapFault } from '../soap/soap-fault.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl } from '../xml/xml-writer.js';
import { malformedId } from './id-checks.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage } from './paging.js';
import { requireAccess, resolveFolder } from './resolve-folder.js';

/** The FieldURIs FindPeople sorts by, and the value each sorts on. */
const SORT_KEYS: Readonly<Record<string, (p: PersonaRecord) => string | number | undefined>> = {
  'persona:DisplayName': (p) => p.displayName,
  'persona:GivenName': (p) => p.givenName,
  'persona:Surname': (p) => p.surname,
  'persona:CompanyName': (p) => p.companyName,
  'persona:EmailAddress': (p) => p.emailAddress,
  'persona:CreationTime': (p) => p.creationTime?.getTime(),
  'persona:Title': (p) => p.title,
};

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  // Empty values sort last whatever the direction, as Exchange's views do.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

/** t:SortOrder's FieldOrders applied in turn; without one, by display name (Exchange's default view). */
function sortPersonas(personas: PersonaRecord[], sortOrder: XmlElement | undefined): PersonaRecord[] {
  const orders = (sortOrder?.children ?? []).map((order) => {
    const uri = child(order, 'FieldURI')?.attrs.FieldURI;
    const key = uri === undefined ? undefined : SORT_KEYS[uri];
    if (key === undefined) {
      throw new ResponseError(
        'ErrorUnsupportedPathForSortGroup',
        'The property path is not supported for sorting or grouping.',
      );
    }
    return { key, sign: order.attrs.Order === 'Descending' ? -1 : 1 };
  });
  if (orders.length === 0)
    orders.push({ key: SORT_KEYS['persona:DisplayName'] ?? ((p) => p.displayName), sign: 1 });
  return [...personas].sort((a, b) => {
    for (const { key, sign } of orders) {
      const va = key(a);
      const vb = key(b);
      const missing = va === undefined || vb === undefined;
      const c = compareValues(va, vb);
      if (c !== 0) return missing ? c : sign * c;
    }
    return 0;
  });
}

/** The personas of the folder FindPeople names: the directory, or a contacts folder (default: the actor's). */
function personasIn(ctx: OperationContext, parent: XmlElement | undefined): PersonaRecord[] {
  const idEl = parent?.children[0];
  if (idEl?.name === 'DistinguishedFolderId' && idEl.attrs.Id === 'directory') {
    return directoryPersonas(ctx.state.directory);
  }
  const folderEl = idEl ?? {
    name: 'DistinguishedFolderId',
    attrs: { Id: 'contacts' },
    children: [],
    text: '',
  };
  const { store, folder } = resolveFolder(ctx, folderEl);
  return folderPersonas(store, folder.id);
}

/**
 * FindPeople: personas of a contacts folder or of the directory, filtered by QueryString (ambiguous
 * name resolution), sorted by SortOrder, paged by IndexedPageItemView. Restrictions are not served.
 */
export const findPeople: OperationHandler = (ctx, request) => {
  try {
    if (
      child(request, 'Restriction') !== undefined ||
      child(request, 'AggregationRestriction') !== undefined
    ) {
      throw new ResponseError(
        'ErrorUnsupportedQueryFilter',
        'The restriction is not supported by this server.',
      );
    }
    const query = childText(request, 'QueryString');
    const all = personasIn(ctx, child(request, 'ParentFolderId')).filter(
      (p) => query === undefined || anrMatches(query, p.displayName, p.emailAddress),
    );
    const sorted = sortPersonas(all, child(request, 'SortOrder'));
    const page = indexedPage(sorted, child(request, 'IndexedPageItemView'));
    return el(
      'm:FindPeopleResponse',
      { ResponseClass: 'Success', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      successParts(
        el(
          'm:People',
          null,
          page.items.map((p) => personaXml(p, 'default')),
        ),
        textEl('m:TotalNumberOfPeopleInView', page.total),
        textEl('m:FirstMatchingRowIndex', page.offset),
        textEl('m:FirstLoadedRowIndex', page.offset),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el(
      'm:FindPeopleResponse',
      { ResponseClass: 'Error', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      errorParts(error),
    );
  }
};

const NOT_FOUND = () =>
  new ResponseError('ErrorItemNotFound', 'The specified object was not found in the store.');

function findPersona(ctx: OperationContext, request: XmlElement): PersonaRecord {
  const idEl = child(request, 'PersonaId');
  const address = childText(child(request, 'EmailAddress'), 'EmailAddress')?.trim();
  if (idEl === undefined) {
    if (address === undefined || address === '') {
      throw new ResponseError('ErrorInvalidArgument', 'GetPersona needs a PersonaId or an EmailAddress.');
    }
    const found = directoryPersonas(ctx.state.directory).find(
      (p) => p.emailAddress?.toLowerCase() === address.toLowerCase(),
    );
    if (found === undefined) throw NOT_FOUND();
    return found;
  }
  const key = decodePersonaId(idEl.attrs.Id ?? '');
  if (key === undefined) throw malformedId();
  if (key.kind === 'directory') {
    const found = directoryPersonas(ctx.state.directory).find(
      (p) => p.source.kind === 'directory' && p.source.address.toLowerCase() === key.address,
    );
    if (found === undefined) throw NOT_FOUND();
    return found;
  }
  const store = ctx.state.storeForId(key.itemId);
  const item = store?.items.get(key.itemId);
  const persona = item === undefined ? undefined : itemPersona(item);
  if (store === undefined || persona === undefined) throw NOT_FOUND();
  requireAccess(ctx, store);
  return persona;
}

/**
 * GetPersona: one persona, by PersonaId (from FindPeople) or by email address, with its attributed
 * values. Its answer cannot carry an error (GetPersonaResponseMessageType requires a Persona), so a
 * persona that cannot be read is a SOAP fault naming the response code.
 */
export const getPersona: OperationHandler = (ctx, request) => {
  try {
    const persona = findPersona(ctx, request);
    return el(
      'm:GetPersonaResponseMessage',
      { ResponseClass: 'Success', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      successParts(personaXml(persona, 'full', 'm:Persona')),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    throw new SoapFault(error.responseCode, error.message);
  }
};
