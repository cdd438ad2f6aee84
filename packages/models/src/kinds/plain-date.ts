import { invalidArgument } from '../errors.js';
import { isCalendarDate } from './xs-calendar.js';

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/**
 * A calendar date without time or zone (a birthday, a task due date). Unlike a Date it
 * cannot shift to the previous or next day when read in another time zone.
 */
export class PlainDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;

  private constructor(year: number, month: number, day: number) {
    this.year = year;
    this.month = month;
    this.day = day;
    Object.freeze(this);
  }

  /** `month` is 1–12. Throws EWS_INVALID_ARGUMENT for a date that does not exist. */
  static of(year: number, month: number, day: number): PlainDate {
    const valid = isCalendarDate(year, month, day);
    if (!valid) throw invalidArgument(`PlainDate: ${year}-${month}-${day} is not a calendar date`);
    return new PlainDate(year, month, day);
  }

  /** Parses `YYYY-MM-DD`. */
  static parse(text: string): PlainDate {
    const match = ISO_DATE.exec(text);
    if (match === null) throw invalidArgument('PlainDate.parse: expected YYYY-MM-DD');
    return PlainDate.of(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  /** The UTC calendar date of an instant. */
  static fromUtcDate(value: Date): PlainDate {
    return PlainDate.of(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }

  equals(other: PlainDate): boolean {
    return this.year === other.year && this.month === other.month && this.day === other.day;
  }

  /** Negative, zero or positive like a sort comparator. */
  compare(other: PlainDate): number {
    return this.year - other.year || this.month - other.month || this.day - other.day;
  }

  toString(): string {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
