import { EwsProtocolError, type XmlNode } from '@ews/core';
import { boolean, int } from '@ews/models';
import { attributeValue } from './scalar-values.js';

/**
 * What one message holding a list can be checked against when the request fixes no count
 * (ResolveNames' ResolutionSet, ExpandDL's DLExpansion: t:FindResponsePagingAttributes): never
 * more entries than TotalItemsInView says the view holds, and never more than the schema's
 * maximum (EWS_PROTOCOL otherwise). Returns whether the list is whole: IncludesLastItemInRange
 * (true when absent), and no fewer entries than TotalItemsInView when that is given.
 */
export function checkListCount(
  list: XmlNode,
  count: number,
  operation: string,
  options: { readonly entry: string; readonly max?: number | undefined },
): boolean {
  const total = attributeValue(list, 'TotalItemsInView', int, list.name);
  const complete = attributeValue(list, 'IncludesLastItemInRange', boolean, list.name) ?? true;
  const fail = (text: string) => new EwsProtocolError(`${operation} ${list.name}: ${text}`, { operation });
  if (options.max !== undefined && count > options.max)
    throw fail(`${count} ${options.entry} elements, the schema allows at most ${options.max}`);
  if (total !== undefined && count > total)
    throw fail(`${count} ${options.entry} elements, but TotalItemsInView is ${total}`);
  return complete && (total === undefined || count === total);
}
