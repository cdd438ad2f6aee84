/** One period of a zone: its name in the group (Standard, Daylight, ...) and its UTC offset. */
export interface ZonePeriod {
  readonly name: string;
  /** Minutes east of UTC (Windows' bias is its negation). */
  readonly offsetMinutes: number;
}

/**
 * A yearly switch into period `to`: on the `occurrence`-th `dayOfWeek` of `month` (-1 = last), or on
 * `day` of `month`, at `minutes` past local midnight. Without a month: the group's only period.
 */
export interface ZoneTransition {
  readonly to: string;
  readonly minutes?: number;
  readonly month?: number;
  readonly dayOfWeek?: string;
  readonly occurrence?: number;
  readonly day?: number;
}

/** The rules from Jan 1 of `year` on (until the next group's year). */
export interface ZoneGroup {
  readonly year: number;
  readonly periods: readonly ZonePeriod[];
  readonly transitions: readonly ZoneTransition[];
}

/** A Windows time zone as Exchange knows it: id, display name, the IANA zone it follows, its rules. */
export interface WindowsTimeZone {
  readonly id: string;
  readonly name: string;
  readonly iana: string;
  readonly groups: readonly ZoneGroup[];
}
