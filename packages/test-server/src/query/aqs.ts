import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import type { Person } from '../store/item-model.js';
import type { ItemPredicate } from './restriction.js';

/*
 * A small subset of the Advanced Query Syntax (AQS) of FindItem's m:QueryString, after Microsoft's
 * "QueryString (QueryStringType)" and "Perform an AQS search by using EWS":
 *   - a word (`budget`) matches items with a word starting with it in any searched property
 *     (subject, body, from, to, cc, categories); matching ignores case;
 *   - a quoted phrase (`"budget review"`) matches those whole words in that order;
 *   - `property:value` (or `property:"a phrase"`) searches one property: subject, body (or content),
 *     from, to, cc, bcc, participants (to, cc and bcc), category;
 *   - terms side by side must all match (AND, also written `AND`); `OR` between terms matches either,
 *     binding looser than AND; `( … )` groups.
 * Anything else (another keyword, date or size ranges) is ErrorInvalidArgument, never ignored.
 */

const MAX_QUERY_LENGTH = 4096;
const MAX_TERMS = 64;

type Field = (view: ItemView) => readonly string[];

const person = (p: Person | undefined): string[] => (p === undefined ? [] : [p.name, p.address]);
const people = (list: readonly Person[] | undefined): string[] => (list ?? []).flatMap(person);

const FIELDS: Readonly<Record<string, Field>> = {
  subject: (v) => [v.item.subject],
  body: (v) => [stripTags(v.item)],
  content: (v) => [stripTags(v.item)],
  from: (v) => person(v.item.message?.from),
  to: (v) => people(v.item.message?.to),
  cc: (v) => people(v.item.message?.cc),
  bcc: (v) => people(v.item.message?.bcc),
  participants: (v) => [
    ...people(v.item.message?.to),
    ...people(v.item.message?.cc),
    ...people(v.item.message?.bcc),
  ],
  category: (v) => v.item.categories,
};

const ANY_FIELD: Field = (v) => [
  v.item.subject,
  stripTags(v.item),
  ...person(v.item.message?.from),
  ...people(v.item.message?.to),
  ...people(v.item.message?.cc),
  ...v.item.categories,
];

function stripTags(item: ItemView['item']): string {
  return item.bodyType === 'HTML' ? item.body.replace(/<[^>]*>/g, ' ') : item.body;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .filter(Boolean);

/** A word matches a word of the text that starts with it; a phrase matches whole words in order. */
function textMatches(texts: readonly string[], value: string, phrase: boolean): boolean {
  const wanted = words(value);
  if (wanted.length === 0) return true;
  return texts.some((text) => {
    const have = words(text);
    if (!phrase) return wanted.every((w) => have.some((h) => h.startsWith(w)));
    for (let i = 0; i + wanted.length <= have.length; i++) {
      if (wanted.every((w, j) => have[i + j] === w)) return true;
    }
    return false;
  });
}

type Token =
  | {
      readonly kind: 'term';
      readonly field: string | undefined;
      readonly value: string;
      readonly phrase: boolean;
    }
  | { readonly kind: 'and' | 'or' | 'open' | 'close' };

function invalid(message: string): ResponseError {
  return new ResponseError('ErrorInvalidArgument', `QueryString: ${message}`);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\()|(\))|(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s()"]+)))/y;
  let at = 0;
  while (at < query.length) {
    if (/^\s*$/.test(query.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(query);
    if (match === null) throw invalid(`cannot read the query at character ${at + 1}`);
    at = pattern.lastIndex;
    const [, open, close, keyword, quoted, bare] = match;
    if (open) tokens.push({ kind: 'open' });
    else if (close) tokens.push({ kind: 'close' });
    else if (keyword === undefined && quoted === undefined && (bare === 'AND' || bare === 'OR'))
      tokens.push({ kind: bare === 'AND' ? 'and' : 'or' });
    else {
      const field = keyword?.toLowerCase();
      if (field !== undefined && FIELDS[field] === undefined)
        throw invalid(`the property ${keyword} is not supported by this server`);
      tokens.push({ kind: 'term', field, value: quoted ?? bare ?? '', phrase: quoted !== undefined });
    }
    if (tokens.length > MAX_TERMS)
      throw new ResponseError('ErrorSearchQueryHasTooManyKeywords', 'Too many terms.');
  }
  return tokens;
}

/** Compiles an AQS query string into an item predicate (ErrorInvalidArgument for what it cannot read). */
export function compileQueryString(query: string): ItemPredicate {
  if (query.length > MAX_QUERY_LENGTH)
    throw new ResponseError('ErrorQueryFilterTooLong', 'The query string is too long.');
  const tokens = tokenize(query);
  let at = 0;
  const peek = () => tokens[at];

  function primary(): ItemPredicate {
    const token = tokens[at++];
    if (token === undefined) throw invalid('the query ends too early');
    if (token.kind === 'open') {
      const inner = or();
      if (tokens[at++]?.kind !== 'close') throw invalid('a parenthesis is not closed');
      return inner;
    }
    if (token.kind !== 'term') throw invalid(`unexpected ${token.kind.toUpperCase()}`);
    const field = token.field === undefined ? ANY_FIELD : (FIELDS[token.field] as Field);
    const { value, phrase } = token;
    return (view) => textMatches(field(view), value, phrase);
  }
  function and(): ItemPredicate {
    const parts = [primary()];
    for (;;) {
      const next = peek();
      if (next?.kind === 'and') at++;
      else if (next === undefined || next.kind === 'or' || next.kind === 'close') break;
      parts.push(primary());
    }
    return parts.length === 1 ? (parts[0] as ItemPredicate) : (view) => parts.every((p) => p(view));
  }
  function or(): ItemPredicate {
    const parts = [and()];
    while (peek()?.kind === 'or') {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] as ItemPredicate) : (view) => parts.some((p) => p(view));
  }

  if (tokens.length === 0) return () => true;
  const predicate = or();
  if (at !== tokens.length) throw invalid('a parenthesis closes nothing');
  return predicate;
}
