import { positiveInteger } from '../options/numeric-options.js';

/*
 * Texts a server sends that end up in errors and decoded fields (a fault's string and detail,
 * MessageText, MessageXml values, codes) are bounded: a server can send megabytes of them, and a
 * caller must not get a megabyte error message, nor keep the whole answer alive through a slice.
 */

/** The most characters of one server text kept in an error or a decoded field. */
export const MAX_SERVER_TEXT_LENGTH = 2000;

/** The most characters of a code or a name (a ResponseCode, a faultcode, a MessageXml entry's name). */
export const MAX_SERVER_NAME_LENGTH = 200;

/**
 * `text` when it has at most `max` characters; else its first `max` characters, copied (not a
 * view of the server's answer), and a visible `…(N more characters)`.
 */
export function boundedServerText(text: string, max = MAX_SERVER_TEXT_LENGTH): string {
  positiveInteger('max', max);
  if (text.length <= max) return text;
  let end = max;
  // Not between the halves of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${copyOf(text.slice(0, end))}…(${text.length - end} more characters)`;
}

/** A flat copy: V8 keeps a slice as a view of the whole string it was cut from. */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
