/** One event as written to iCalendar. */
export interface IcsEvent {
  readonly uid: string;
  readonly subject: string | undefined;
  readonly start: Date;
  readonly end: Date;
  readonly isAllDay: boolean;
  readonly location: string | undefined;
  readonly organizer: string | undefined;
  /** For RECURRENCE-ID: the occurrence's original start, when it belongs to a series. */
  readonly recurrenceId: Date | undefined;
  readonly status: 'CONFIRMED' | 'CANCELLED';
  readonly transparent: boolean;
}

const CRLF = '\r\n';

/**
 * RFC 5545 text: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT
 * escaped (backslash, semicolon, comma, newline), times in UTC (`…Z`, so no VTIMEZONE is needed),
 * all-day events as DATE values in the caller's zone.
 */
export function writeIcs(
  events: readonly IcsEvent[],
  options: { readonly now: Date; readonly zone: string; readonly dateInZone: (date: Date) => string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ews-ts//@ews/cli//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const stamp = utc(options.now);
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
    if (event.isAllDay) {
      lines.push(
        `DTSTART;VALUE=DATE:${options.dateInZone(event.start)}`,
        `DTEND;VALUE=DATE:${options.dateInZone(event.end)}`,
      );
    } else {
      lines.push(`DTSTART:${utc(event.start)}`, `DTEND:${utc(event.end)}`);
    }
    if (event.recurrenceId) lines.push(`RECURRENCE-ID:${utc(event.recurrenceId)}`);
    if (event.subject !== undefined) lines.push(`SUMMARY:${escapeText(event.subject)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.organizer) lines.push(`ORGANIZER:mailto:${event.organizer.replace(/[\r\n:;,]/g, '')}`);
    lines.push(
      `STATUS:${event.status}`,
      `TRANSP:${event.transparent ? 'TRANSPARENT' : 'OPAQUE'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}

/** RFC 5545 3.3.5 form 2: `19980119T070000Z`. */
export function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 3.3.11. Control characters other than newline are dropped (they are not allowed). */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** RFC 5545 3.1: at most 75 octets a line; a continuation starts with one space. */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space counts
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
