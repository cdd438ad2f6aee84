import type { MessageCountChange } from './faults.js';

/** Where one ResponseMessage sits in the answer's text. */
interface MessageSpan {
  readonly start: number;
  readonly end: number;
}

// The writer's own shape (see response-messages.ts): `<m:ResponseMessages>` holds the messages,
// each an `m:…ResponseMessage` element, with nothing between them.
const LIST_OPEN = '<m:ResponseMessages>';
const LIST_CLOSE = '</m:ResponseMessages>';
const MESSAGE_NAME = /^<(m:\w+ResponseMessage)[\s/>]/;

/**
 * The messages of the answer's ResponseMessages, in order, or undefined when the answer has no such
 * list (a fault, an answer that is not a ResponseMessages list) or its shape is not the writer's.
 */
function messageSpans(xml: string): MessageSpan[] | undefined {
  const open = xml.indexOf(LIST_OPEN);
  if (open < 0) return undefined;
  const listEnd = xml.indexOf(LIST_CLOSE, open);
  if (listEnd < 0) return undefined;
  const spans: MessageSpan[] = [];
  let at = open + LIST_OPEN.length;
  while (at < listEnd) {
    const name = MESSAGE_NAME.exec(xml.slice(at, at + 200))?.[1];
    if (name === undefined) return undefined;
    const end = elementEnd(xml, at, name);
    if (end === undefined || end > listEnd) return undefined;
    spans.push({ start: at, end });
    at = end;
  }
  return spans;
}

/** The index just past the element `name` that opens at `start` (same-named nesting counted). */
function elementEnd(xml: string, start: number, name: string): number | undefined {
  const tag = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(xml); match !== null; match = tag.exec(xml)) {
    const closing = match[1] === '/';
    const selfClosing = match[2] === '/';
    if (!closing && !selfClosing) depth += 1;
    else if (closing) depth -= 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return undefined;
}

/**
 * The answer with one ResponseMessage dropped or duplicated, as a buggy proxy would send it; a
 * single message is duplicated (an empty list is not EWS). Undefined when there is nothing to change.
 */
export function changeMessageCount(
  xml: string,
  change: MessageCountChange,
): { readonly xml: string; readonly change: MessageCountChange['change'] } | undefined {
  const spans = messageSpans(xml);
  if (spans === undefined || spans.length === 0) return undefined;
  const index = Math.min(spans.length - 1, Math.floor(change.position * spans.length));
  const span = spans[index];
  if (span === undefined) return undefined;
  const message = xml.slice(span.start, span.end);
  if (change.change === 'dropped' && spans.length > 1) {
    return { xml: xml.slice(0, span.start) + xml.slice(span.end), change: 'dropped' };
  }
  return { xml: xml.slice(0, span.end) + message + xml.slice(span.end), change: 'duplicated' };
}
